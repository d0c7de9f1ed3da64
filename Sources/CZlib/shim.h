#ifndef AGENTDECK_CZLIB_SHIM_H
#define AGENTDECK_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit2 and inflateInit2 are function-like macros (they pass the library version and the
// stream's size): Swift cannot import them, so these wrappers do.

static inline int agentdeck_deflate_init(z_streamp stream, int level, int windowBits, int memLevel) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY);
}

static inline int agentdeck_inflate_init(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
