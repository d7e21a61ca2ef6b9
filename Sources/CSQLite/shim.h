#ifndef SECRETRADAR_CSQLITE_SHIM_H
#define SECRETRADAR_CSQLITE_SHIM_H
#include <sqlite3.h>

/* sqlite3_db_config is variadic, which Swift cannot call. Keeps the write-ahead log when the
   connection closes instead of checkpointing it into the database (two fsyncs) and deleting it
   (which the next run then recreates, with two more). `db` is a `sqlite3 *`. */
static inline int secretradar_sqlite_keep_wal_on_close(void *db) {
    return sqlite3_db_config((sqlite3 *)db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}
#endif
