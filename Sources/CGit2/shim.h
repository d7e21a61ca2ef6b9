#ifndef SECRETRADAR_CGIT2_SHIM_H
#define SECRETRADAR_CGIT2_SHIM_H
/* libgit2 for Swift, linked as a system library (docs/git-loading.md). */
#include <sys/types.h>
#include <git2.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one wrapper per option we set. */
static inline int secretradar_git_set_cache_max_size(long long bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)bytes);
}

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
/* Between stages that free a lot (the history walk's tree cache, matching's plans and buffers):
   give the free pages back, so the next stage's peak does not stack on the last one's. */
static inline void secretradar_give_back_freed_memory(void) {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
#endif
