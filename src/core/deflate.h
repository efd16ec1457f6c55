/* deflate.h: zlib-format compression (RFC 1950, a PDF's FlateDecode) for every stream pbdocs
 * writes: page content, fonts, the structure tree's object stream, the cross-reference stream.
 * Debian's libdeflate does the work: for the few-kilobyte buffers of a letter it takes about 40%
 * less time than zlib at the same level and writes slightly smaller output. Its compressors
 * (a few hundred KB each) are kept in a pool per level and reused, as allocating one per stream
 * would cost more than compressing. Thread rules: any thread, any time; a compressor is used by
 * one call at a time. */
#ifndef PBDOCS_DEFLATE_H
#define PBDOCS_DEFLATE_H
#include <stddef.h>

/* Levels used: 1 for what is written once and read rarely by size (the object and
 * cross-reference streams), 6 for page content and fonts. 1 to 12 are accepted. */
enum { PB_DEFLATE_FAST = 1, PB_DEFLATE_SMALL = 6 };

/* The most pb_deflate can write for n bytes. */
size_t pb_deflate_bound(size_t n);
/* Compresses in[0..n) into out[0..cap) at level; returns the length written, 0 when cap is too
 * small (never with cap >= pb_deflate_bound(n)). */
size_t pb_deflate(int level, const void *in, size_t n, void *out, size_t cap);
#endif
