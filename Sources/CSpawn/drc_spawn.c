// posix_spawn with redirected output, a working directory and no inherited descriptors.
//
// swift-corelibs-foundation's Process.run() on Linux reads /proc/self/fd with a 256-byte copy
// per entry and can read past glibc's buffer when the process holds many descriptors (about a
// thousand: a test process that has opened many OpenCL contexts), crashing intermittently
// (swift-corelibs-foundation pull request 5472). drc's own child processes (clang for the
// syntax check, the tests' runs of drc and of built programs) start here instead: the child
// closes every descriptor above 2 itself (posix_spawn_file_actions_addclosefrom_np) and
// changes directory (posix_spawn_file_actions_addchdir_np), both in glibc since 2.34.

#define _GNU_SOURCE
#include "drc_spawn.h"

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

int drc_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
              const char *out, const char *err, pid_t *pid) {
  posix_spawn_file_actions_t actions;
  int rc = posix_spawn_file_actions_init(&actions);
  if (rc != 0) return rc;
  rc = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (rc == 0)
    rc = posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (rc == 0)
    rc = posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  if (rc == 0 && cwd != NULL) rc = posix_spawn_file_actions_addchdir_np(&actions, cwd);
  pid_t child = 0;
  if (rc == 0) rc = posix_spawn(&child, path, &actions, NULL, argv, envp);
  posix_spawn_file_actions_destroy(&actions);
  if (rc == 0) *pid = child;
  return rc;
}
