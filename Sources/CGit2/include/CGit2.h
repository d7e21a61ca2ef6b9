#ifndef SECRETRADAR_CGIT2_H
#define SECRETRADAR_CGIT2_H
/* libgit2 for Swift. The library is not linked: loader.c opens it with dlopen when a command first
   needs it (docs/git-loading.md), and defines the libgit2 functions RadarGit calls as forwarders.
   A libgit2 function called here that loader.c does not list fails to link. */
#include <stddef.h>
#include <git2.h>

/* Loads libgit2 (the soname the headers name: libgit2.so.LIBGIT2_SOVERSION) once. Returns 0, or -1
   with dlerror's reason in `error`. Safe to call again; only the first success is kept. */
int secretradar_git_load(char *error, size_t capacity);

/* The same with another library name; the tests use it for the failure path. */
int secretradar_git_load_library(const char *name, char *error, size_t capacity);

/* git_libgit2_opts is variadic, which Swift cannot call: one wrapper per option we set. */
int secretradar_git_set_cache_max_size(long long bytes);

#ifdef __GLIBC__
#include <malloc.h>
#endif
/* Rebuilding history allocates and frees blob buffers by the thousand: keep freed memory in the
   process rather than trimming it and taking page faults again (a quarter of the time went there). */
static inline void secretradar_keep_freed_memory(void) {
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
}
#endif
