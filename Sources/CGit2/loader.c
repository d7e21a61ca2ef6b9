/* libgit2, opened with dlopen when a command first needs it instead of by the dynamic loader at
   process start (docs/git-loading.md). libgit2 brings Kerberos, mbedTLS, libssh2 and OpenSSL;
   mapping and relocating them cost every run about 2.5 ms, also the commands that never read a
   repository. Loaded on the thread that sets libgit2 up, that work overlaps argument parsing.

   Each libgit2 function RadarGit calls is defined here as a forwarder through a table filled
   from dlsym. The forwarders are hidden (not exported): the executable exports its own symbols
   (-export-dynamic), and exported forwarders named git_* would take over libgit2's calls to its
   own public functions. The header's declarations are re-read without their export attribute so
   that the compiler still checks every forwarder's signature against libgit2's. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <git2/common.h>
#undef GIT_EXTERN
#define GIT_EXTERN(type) extern type
#pragma GCC visibility push(hidden)
#include <git2.h>
#pragma GCC visibility pop

#include "CGit2.h"

#ifdef LIBGIT2_SOVERSION
#define SECRETRADAR_LIBGIT2 "libgit2.so." LIBGIT2_SOVERSION
#else
#define SECRETRADAR_LIBGIT2 "libgit2.so"
#endif

/* Every libgit2 function RadarGit calls: R(return type, name, parameters, arguments) returns a
   value, V(...) returns nothing. */
#define SECRETRADAR_GIT_FUNCTIONS(R, V) \
    R(int, git_clone, (git_repository **out, const char *url, const char *local_path, const git_clone_options *options), (out, url, local_path, options)) \
    R(int, git_clone_options_init, (git_clone_options *opts, unsigned int version), (opts, version)) \
    R(const git_signature *, git_commit_author, (const git_commit *commit), (commit)) \
    V(void, git_commit_free, (git_commit *commit), (commit)) \
    R(int, git_commit_lookup, (git_commit **commit, git_repository *repo, const git_oid *id), (commit, repo, id)) \
    R(const git_oid *, git_commit_parent_id, (const git_commit *commit, unsigned int n), (commit, n)) \
    R(unsigned int, git_commit_parentcount, (const git_commit *commit), (commit)) \
    R(int, git_commit_tree, (git_tree **tree_out, const git_commit *commit), (tree_out, commit)) \
    R(const git_oid *, git_commit_tree_id, (const git_commit *commit), (commit)) \
    R(int, git_credential_userpass_plaintext_new, (git_credential **out, const char *username, const char *password), (out, username, password)) \
    V(void, git_diff_free, (git_diff *diff), (diff)) \
    R(const git_diff_delta *, git_diff_get_delta, (const git_diff *diff, size_t idx), (diff, idx)) \
    R(size_t, git_diff_num_deltas, (const git_diff *diff), (diff)) \
    R(int, git_diff_options_init, (git_diff_options *opts, unsigned int version), (opts, version)) \
    R(int, git_diff_tree_to_index, (git_diff **diff, git_repository *repo, git_tree *old_tree, git_index *index, const git_diff_options *opts), (diff, repo, old_tree, index, opts)) \
    R(const git_error *, git_error_last, (void), ()) \
    R(int, git_fetch_options_init, (git_fetch_options *opts, unsigned int version), (opts, version)) \
    V(void, git_index_free, (git_index *index), (index)) \
    R(const git_index_entry *, git_index_get_bypath, (git_index *index, const char *path, int stage), (index, path, stage)) \
    R(int, git_libgit2_init, (void), ()) \
    V(void, git_object_free, (git_object *object), (object)) \
    R(const git_oid *, git_object_id, (const git_object *obj), (obj)) \
    R(int, git_object_peel, (git_object **peeled, const git_object *object, git_object_t target_type), (peeled, object, target_type)) \
    R(int, git_odb_foreach, (git_odb *db, git_odb_foreach_cb cb, void *payload), (db, cb, payload)) \
    V(void, git_odb_free, (git_odb *db), (db)) \
    R(const void *, git_odb_object_data, (git_odb_object *object), (object)) \
    V(void, git_odb_object_free, (git_odb_object *object), (object)) \
    R(size_t, git_odb_object_size, (git_odb_object *object), (object)) \
    R(git_object_t, git_odb_object_type, (git_odb_object *object), (object)) \
    R(int, git_odb_read, (git_odb_object **out, git_odb *db, const git_oid *id), (out, db, id)) \
    R(int, git_odb_read_header, (size_t *len_out, git_object_t *type_out, git_odb *db, const git_oid *id), (len_out, type_out, db, id)) \
    V(void, git_reference_free, (git_reference *ref), (ref)) \
    V(void, git_reference_iterator_free, (git_reference_iterator *iter), (iter)) \
    R(int, git_reference_iterator_new, (git_reference_iterator **out, git_repository *repo), (out, repo)) \
    R(int, git_reference_lookup, (git_reference **out, git_repository *repo, const char *name), (out, repo, name)) \
    R(const char *, git_reference_name, (const git_reference *ref), (ref)) \
    R(int, git_reference_next, (git_reference **out, git_reference_iterator *iter), (out, iter)) \
    R(const char *, git_reference_symbolic_target, (const git_reference *ref), (ref)) \
    R(const git_oid *, git_reference_target, (const git_reference *ref), (ref)) \
    R(git_reference_t, git_reference_type, (const git_reference *ref), (ref)) \
    R(int, git_remote_create_with_fetchspec, (git_remote **out, git_repository *repo, const char *name, const char *url, const char *fetch), (out, repo, name, url, fetch)) \
    R(int, git_remote_fetch, (git_remote *remote, const git_strarray *refspecs, const git_fetch_options *opts, const char *reflog_message), (remote, refspecs, opts, reflog_message)) \
    V(void, git_remote_free, (git_remote *remote), (remote)) \
    R(int, git_remote_lookup, (git_remote **out, git_repository *repo, const char *name), (out, repo, name)) \
    R(const char *, git_remote_url, (const git_remote *remote), (remote)) \
    V(void, git_repository_free, (git_repository *repo), (repo)) \
    R(int, git_repository_head, (git_reference **out, git_repository *repo), (out, repo)) \
    R(int, git_repository_head_unborn, (git_repository *repo), (repo)) \
    R(int, git_repository_index, (git_index **out, git_repository *repo), (out, repo)) \
    R(int, git_repository_is_bare, (const git_repository *repo), (repo)) \
    R(int, git_repository_is_shallow, (git_repository *repo), (repo)) \
    R(int, git_repository_odb, (git_odb **out, git_repository *repo), (out, repo)) \
    R(int, git_repository_open_bare, (git_repository **out, const char *bare_path), (out, bare_path)) \
    R(int, git_repository_open_ext, (git_repository **out, const char *path, unsigned int flags, const char *ceiling_dirs), (out, path, flags, ceiling_dirs)) \
    R(const char *, git_repository_path, (const git_repository *repo), (repo)) \
    R(const char *, git_repository_workdir, (const git_repository *repo), (repo)) \
    R(int, git_revparse_single, (git_object **out, git_repository *repo, const char *spec), (out, repo, spec)) \
    V(void, git_revwalk_free, (git_revwalk *walk), (walk)) \
    R(int, git_revwalk_hide, (git_revwalk *walk, const git_oid *commit_id), (walk, commit_id)) \
    R(int, git_revwalk_new, (git_revwalk **out, git_repository *repo), (out, repo)) \
    R(int, git_revwalk_next, (git_oid *out, git_revwalk *walk), (out, walk)) \
    R(int, git_revwalk_push, (git_revwalk *walk, const git_oid *id), (walk, id)) \
    R(int, git_revwalk_sorting, (git_revwalk *walk, unsigned int sort_mode), (walk, sort_mode)) \
    R(int, git_tree_entry_bypath, (git_tree_entry **out, const git_tree *root, const char *path), (out, root, path)) \
    V(void, git_tree_entry_free, (git_tree_entry *entry), (entry)) \
    R(const git_oid *, git_tree_entry_id, (const git_tree_entry *entry), (entry)) \
    R(git_object_t, git_tree_entry_type, (const git_tree_entry *entry), (entry)) \
    V(void, git_tree_free, (git_tree *tree), (tree))

static struct {
#define FIELD(type, name, params, args) type (*name) params;
#define VFIELD(type, name, params, args) void (*name) params;
    SECRETRADAR_GIT_FUNCTIONS(FIELD, VFIELD)
    int (*git_libgit2_opts)(int option, ...);
} api;

/* Set (release) once the whole table is filled; read (acquire) by every forwarder. */
static int loaded;
static pthread_mutex_t installing = PTHREAD_MUTEX_INITIALIZER;

/* A forwarder called before secretradar_git_load succeeded: a programming error in RadarGit
   (every entry point loads first), reported instead of a jump through a null pointer. */
static void __attribute__((noreturn, cold)) not_loaded(const char *name) {
    fprintf(stderr, "secretradar: internal error: %s called before libgit2 was loaded\n", name);
    abort();
}

#pragma GCC visibility push(hidden)
#define FORWARD(type, name, params, args) \
    type name params { \
        if (__builtin_expect(!__atomic_load_n(&loaded, __ATOMIC_ACQUIRE), 0)) not_loaded(#name); \
        return api.name args; \
    }
#define VFORWARD(type, name, params, args) \
    void name params { \
        if (__builtin_expect(!__atomic_load_n(&loaded, __ATOMIC_ACQUIRE), 0)) not_loaded(#name); \
        api.name args; \
    }
SECRETRADAR_GIT_FUNCTIONS(FORWARD, VFORWARD)
#pragma GCC visibility pop

int secretradar_git_load_library(const char *name, char *error, size_t capacity) {
    if (capacity > 0) error[0] = 0;
    /* RTLD_LAZY: libgit2's own imports bind on first use, as they did when it was linked. */
    void *handle = dlopen(name, RTLD_LAZY | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        snprintf(error, capacity, "cannot load %s: %s", name, why ? why : "unknown error");
        return -1;
    }
    __typeof__(api) table;
    memset(&table, 0, sizeof table);
#define LOOKUP(type, name, params, args) \
    if (!(*(void **)&table.name = dlsym(handle, #name))) goto missing;
    SECRETRADAR_GIT_FUNCTIONS(LOOKUP, LOOKUP)
    LOOKUP(int, git_libgit2_opts, (int option, ...), ())
    pthread_mutex_lock(&installing);
    if (!__atomic_load_n(&loaded, __ATOMIC_ACQUIRE)) {
        api = table;
        __atomic_store_n(&loaded, 1, __ATOMIC_RELEASE);
    } else {
        dlclose(handle); /* loaded before: one reference is enough */
    }
    pthread_mutex_unlock(&installing);
    return 0;
missing:;
    const char *why = dlerror();
    snprintf(error, capacity, "%s is not a usable libgit2: %s", name, why ? why : "a function is missing");
    dlclose(handle);
    return -1;
}

int secretradar_git_load(char *error, size_t capacity) {
    return secretradar_git_load_library(SECRETRADAR_LIBGIT2, error, capacity);
}

int secretradar_git_set_cache_max_size(long long bytes) {
    if (!__atomic_load_n(&loaded, __ATOMIC_ACQUIRE)) not_loaded("git_libgit2_opts");
    return api.git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)bytes);
}
