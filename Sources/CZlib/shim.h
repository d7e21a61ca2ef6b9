#ifndef SECRETRADAR_CZLIB_SHIM_H
#define SECRETRADAR_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit is a macro (it passes the version and struct size); Swift needs a function. */
static inline int secretradar_inflate_init(z_stream *stream) {
    return inflateInit(stream);
}
#endif
