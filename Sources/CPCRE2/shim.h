#ifndef SECRETRADAR_CPCRE2_SHIM_H
#define SECRETRADAR_CPCRE2_SHIM_H
// PCRE2 needs the code-unit width before its header; secretradar matches bytes (8-bit units).
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

/// PCRE2_UNSET does not import into Swift (it is a cast macro).
static inline size_t secretradar_pcre2_unset(void) { return PCRE2_UNSET; }
#endif
