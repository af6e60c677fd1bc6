// Starting a child process without Foundation's Process (see drc_spawn.c).
#ifndef DRC_SPAWN_H
#define DRC_SPAWN_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` (NULL-terminated) in directory `cwd` (NULL: this one),
/// stdin from /dev/null, stdout and stderr written to the files `out` and `err` (created or
/// truncated), every other descriptor closed in the child. Returns 0 and sets `*pid`, or an
/// errno value.
int drc_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
              const char *out, const char *err, pid_t *pid);

#endif
