// In-process checking of generated OpenCL C with libclang, loaded at run time.
//
// libclang is opened with dlopen on first use (libclang-14.so.1, then the LLVM 14 directory, then
// unversioned names) and only the dozen functions drc needs are resolved with dlsym, so building
// drc needs neither libclang's headers nor the library itself. Every call parses into a fresh
// libclang index, so concurrent calls from different threads do not share libclang state.

#ifndef DRC_CLIBCLANG_H
#define DRC_CLIBCLANG_H

#include <stddef.h>

/// libclang's severity numbers (enum CXDiagnosticSeverity).
enum {
  DRC_LIBCLANG_IGNORED = 0,
  DRC_LIBCLANG_NOTE = 1,
  DRC_LIBCLANG_WARNING = 2,
  DRC_LIBCLANG_ERROR = 3,
  DRC_LIBCLANG_FATAL = 4
};

/// One diagnostic of a parse, placed at its expansion location.
typedef struct {
  /// 1-based line, 0 when the diagnostic has no location.
  unsigned line;
  /// 1-based column, 0 when the diagnostic has no location.
  unsigned column;
  /// One of the DRC_LIBCLANG_* severities.
  int severity;
  /// 1 when the location is in the parsed source itself, 0 in a header or nowhere.
  int in_main_file;
  /// The message without location or severity, NUL-terminated; owned by the array.
  char *message;
} drc_libclang_diagnostic;

/// Loads libclang once (later calls return the first outcome). Returns 1 when it is usable;
/// otherwise 0, with why (every name tried and dlopen's or dlsym's message) written to `err`
/// (`errlen` bytes, always NUL-terminated when errlen > 0).
int drc_libclang_available(char *err, size_t errlen);

/// The file name libclang was opened as (the first name of the search order that loaded), or
/// NULL when it did not load.
const char *drc_libclang_loaded_name(void);

/// Parses `source` (`length` bytes, no NUL needed) as the unsaved file `filename` with the
/// compiler arguments `args` (`nargs` of them, without the file name), and returns every
/// diagnostic in `*out` (`*count` of them; free with drc_libclang_free, also when *count is 0).
/// Returns 0 on success; otherwise nonzero, with `*out` NULL, `*count` 0 and the reason in `err`.
int drc_libclang_parse(const char *filename, const char *source, size_t length,
                       const char *const *args, int nargs, drc_libclang_diagnostic **out,
                       size_t *count, char *err, size_t errlen);

/// Frees the diagnostics returned by drc_libclang_parse (NULL is allowed).
void drc_libclang_free(drc_libclang_diagnostic *diagnostics, size_t count);

#endif
