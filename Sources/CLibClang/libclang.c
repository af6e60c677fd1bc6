// dlopen'd libclang: the types and functions of the libclang 14 C API that drc uses, declared
// here (matching clang-c/Index.h and clang-c/CXString.h) so no libclang header is needed.

#include "CLibClang.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// ---- libclang's types (clang-c/CXString.h, clang-c/Index.h) ----

typedef struct {
  const void *data;
  unsigned private_flags;
} CXString;

typedef struct {
  const void *ptr_data[2];
  unsigned int_data;
} CXSourceLocation;

struct CXUnsavedFile {
  const char *Filename;
  const char *Contents;
  unsigned long Length;
};

typedef void *CXIndex;
typedef struct CXTranslationUnitImpl *CXTranslationUnit;
typedef void *CXDiagnostic;
typedef void *CXFile;

// ---- the functions drc resolves ----

typedef CXIndex (*create_index_fn)(int exclude_pch_declarations, int display_diagnostics);
typedef void (*dispose_index_fn)(CXIndex);
typedef int (*parse2_fn)(CXIndex, const char *, const char *const *, int, struct CXUnsavedFile *,
                         unsigned, unsigned, CXTranslationUnit *);
typedef void (*dispose_tu_fn)(CXTranslationUnit);
typedef unsigned (*num_diagnostics_fn)(CXTranslationUnit);
typedef CXDiagnostic (*get_diagnostic_fn)(CXTranslationUnit, unsigned);
typedef void (*dispose_diagnostic_fn)(CXDiagnostic);
typedef int (*diagnostic_severity_fn)(CXDiagnostic);
typedef CXSourceLocation (*diagnostic_location_fn)(CXDiagnostic);
typedef CXString (*diagnostic_spelling_fn)(CXDiagnostic);
typedef void (*expansion_location_fn)(CXSourceLocation, CXFile *, unsigned *, unsigned *,
                                      unsigned *);
typedef CXString (*file_name_fn)(CXFile);
typedef const char *(*get_cstring_fn)(CXString);
typedef void (*dispose_string_fn)(CXString);

static struct {
  create_index_fn createIndex;
  dispose_index_fn disposeIndex;
  parse2_fn parseTranslationUnit2;
  dispose_tu_fn disposeTranslationUnit;
  num_diagnostics_fn getNumDiagnostics;
  get_diagnostic_fn getDiagnostic;
  dispose_diagnostic_fn disposeDiagnostic;
  diagnostic_severity_fn getDiagnosticSeverity;
  diagnostic_location_fn getDiagnosticLocation;
  diagnostic_spelling_fn getDiagnosticSpelling;
  expansion_location_fn getExpansionLocation;
  file_name_fn getFileName;
  get_cstring_fn getCString;
  dispose_string_fn disposeString;
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static const char *loaded_name;
static char load_error[1024];

/// The names tried, in order: Debian's versioned soname, LLVM 14's own directory, then any.
static const char *const candidates[] = {
    "libclang-14.so.1",
    "/usr/lib/llvm-14/lib/libclang.so.1",
    "libclang.so.1",
    "libclang.so",
};

/// Appends a formatted message to load_error.
static void note_error(const char *format, ...) {
  size_t used = strlen(load_error);
  if (used + 1 >= sizeof load_error) return;
  va_list list;
  va_start(list, format);
  vsnprintf(load_error + used, sizeof load_error - used, format, list);
  va_end(list);
}

/// Resolves every function of `api` in `handle`; returns 0 and names the missing one otherwise.
static int resolve(void *handle, const char *name) {
#define RESOLVE(field, symbol)                                                         \
  do {                                                                                 \
    void *address = dlsym(handle, symbol);                                             \
    if (address == NULL) {                                                             \
      note_error("%s has no %s; ", name, symbol);                                      \
      return 0;                                                                        \
    }                                                                                  \
    memcpy(&api.field, &address, sizeof address);                                      \
  } while (0)
  RESOLVE(createIndex, "clang_createIndex");
  RESOLVE(disposeIndex, "clang_disposeIndex");
  RESOLVE(parseTranslationUnit2, "clang_parseTranslationUnit2");
  RESOLVE(disposeTranslationUnit, "clang_disposeTranslationUnit");
  RESOLVE(getNumDiagnostics, "clang_getNumDiagnostics");
  RESOLVE(getDiagnostic, "clang_getDiagnostic");
  RESOLVE(disposeDiagnostic, "clang_disposeDiagnostic");
  RESOLVE(getDiagnosticSeverity, "clang_getDiagnosticSeverity");
  RESOLVE(getDiagnosticLocation, "clang_getDiagnosticLocation");
  RESOLVE(getDiagnosticSpelling, "clang_getDiagnosticSpelling");
  RESOLVE(getExpansionLocation, "clang_getExpansionLocation");
  RESOLVE(getFileName, "clang_getFileName");
  RESOLVE(getCString, "clang_getCString");
  RESOLVE(disposeString, "clang_disposeString");
#undef RESOLVE
  return 1;
}

/// Opens the first candidate that loads and has every function; runs once.
static void load(void) {
  load_error[0] = '\0';
  for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
    void *handle = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
      const char *why = dlerror();
      note_error("%s; ", why != NULL ? why : candidates[i]);
      continue;
    }
    if (resolve(handle, candidates[i])) {
      // libclang installs process-wide signal handlers for crash recovery unless told not to;
      // drc's process (and PoCL inside it) keeps its own.
      void *toggle = dlsym(handle, "clang_toggleCrashRecovery");
      if (toggle != NULL) {
        void (*toggleCrashRecovery)(unsigned);
        memcpy(&toggleCrashRecovery, &toggle, sizeof toggle);
        toggleCrashRecovery(0);
      }
      loaded = 1;
      loaded_name = candidates[i];
      load_error[0] = '\0';
      return;  // Kept open for the life of the process.
    }
    dlclose(handle);
  }
  size_t used = strlen(load_error);
  if (used >= 2) load_error[used - 2] = '\0';  // The trailing "; ".
}

/// Copies `text` into `err` (errlen bytes), truncating.
static void set_error(char *err, size_t errlen, const char *text) {
  if (err == NULL || errlen == 0) return;
  snprintf(err, errlen, "%s", text);
}

int drc_libclang_available(char *err, size_t errlen) {
  pthread_once(&load_once, load);
  if (!loaded) set_error(err, errlen, load_error);
  return loaded;
}

const char *drc_libclang_loaded_name(void) {
  pthread_once(&load_once, load);
  return loaded ? loaded_name : NULL;
}

/// A malloc'd copy of a libclang string, which is disposed; NULL only when out of memory.
static char *take_string(CXString string) {
  const char *text = api.getCString(string);
  char *copy = strdup(text != NULL ? text : "");
  api.disposeString(string);
  return copy;
}

int drc_libclang_parse(const char *filename, const char *source, size_t length,
                       const char *const *args, int nargs, drc_libclang_diagnostic **out,
                       size_t *count, char *err, size_t errlen) {
  *out = NULL;
  *count = 0;
  if (!drc_libclang_available(err, errlen)) return 1;
  CXIndex index = api.createIndex(0, 0);
  if (index == NULL) {
    set_error(err, errlen, "clang_createIndex failed");
    return 1;
  }
  struct CXUnsavedFile unsaved = {filename, source, (unsigned long)length};
  CXTranslationUnit unit = NULL;
  int code = api.parseTranslationUnit2(index, filename, args, nargs, &unsaved, 1, 0, &unit);
  if (code != 0 || unit == NULL) {
    char text[128];
    snprintf(text, sizeof text, "clang_parseTranslationUnit2 failed (CXErrorCode %d)", code);
    set_error(err, errlen, text);
    if (unit != NULL) api.disposeTranslationUnit(unit);
    api.disposeIndex(index);
    return 1;
  }
  unsigned total = api.getNumDiagnostics(unit);
  drc_libclang_diagnostic *items = NULL;
  if (total > 0) {
    items = calloc(total, sizeof *items);
    if (items == NULL) {
      set_error(err, errlen, "out of memory");
      api.disposeTranslationUnit(unit);
      api.disposeIndex(index);
      return 1;
    }
  }
  int failed = 0;
  for (unsigned i = 0; i < total && !failed; i++) {
    CXDiagnostic diagnostic = api.getDiagnostic(unit, i);
    if (diagnostic == NULL) continue;
    drc_libclang_diagnostic *item = &items[*count];
    CXFile file = NULL;
    unsigned line = 0, column = 0, offset = 0;
    api.getExpansionLocation(api.getDiagnosticLocation(diagnostic), &file, &line, &column,
                             &offset);
    item->line = line;
    item->column = column;
    item->severity = api.getDiagnosticSeverity(diagnostic);
    if (file != NULL) {
      char *name = take_string(api.getFileName(file));
      item->in_main_file = name != NULL && strcmp(name, filename) == 0;
      free(name);
    }
    item->message = take_string(api.getDiagnosticSpelling(diagnostic));
    api.disposeDiagnostic(diagnostic);
    if (item->message == NULL) failed = 1;
    *count += 1;
  }
  api.disposeTranslationUnit(unit);
  api.disposeIndex(index);
  if (failed) {
    drc_libclang_free(items, *count);
    *count = 0;
    set_error(err, errlen, "out of memory");
    return 1;
  }
  *out = items;
  return 0;
}

void drc_libclang_free(drc_libclang_diagnostic *diagnostics, size_t count) {
  if (diagnostics == NULL) return;
  for (size_t i = 0; i < count; i++) free(diagnostics[i].message);
  free(diagnostics);
}
