/* sha256.h: SHA-256 (FIPS 180-4), small and dependency-free. The batch manifest records the
 * digest of every PDF so an archive can prove what was sent and --resume can tell a finished
 * file from a stale one. */
#ifndef PBDOCS_SHA256_H
#define PBDOCS_SHA256_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sha256_ctx {
    uint32_t state[8];
    uint64_t length;          /* bytes hashed so far */
    unsigned char block[64];
    size_t used;              /* bytes waiting in block */
} sha256_ctx;

void sha256_init(sha256_ctx *ctx);
void sha256_update(sha256_ctx *ctx, const void *data, size_t len);
void sha256_final(sha256_ctx *ctx, unsigned char digest[32]);

/* The digest of data[0..len) as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char hex[65]);
/* The digest as hex from a finished context. */
void sha256_final_hex(sha256_ctx *ctx, char hex[65]);

/* For tests: true forces the portable C code; false goes back to the fastest the CPU has.
 * Returns true when the SHA-NI code is in use afterwards. */
bool sha256_use_portable(bool portable);
#endif
