/* sha256.h: SHA-256 (FIPS 180-4) for pbdocs, computed by Debian's nettle (libnettle8, built
 * "fat", so it picks the x86 SHA extensions itself when the CPU has them). The batch manifest
 * records the digest of every PDF so an archive can prove what was sent and --resume can tell a
 * finished file from a stale one; serve hashes tokens and rendered PDFs.
 * Callers use only these pb_ names: nettle's own header #defines sha256_init and friends.
 * A context belongs to one thread at a time; different contexts may be used concurrently. */
#ifndef PBDOCS_SHA256_H
#define PBDOCS_SHA256_H
#include <stddef.h>

#include <nettle/sha2.h>

#define PB_SHA256_SIZE 32

typedef struct pb_sha256_ctx {
    struct sha256_ctx nettle;
} pb_sha256_ctx;

void pb_sha256_init(pb_sha256_ctx *ctx);
void pb_sha256_update(pb_sha256_ctx *ctx, const void *data, size_t len);
/* The 32-byte digest; ctx must be initialised again before reuse. */
void pb_sha256_final(pb_sha256_ctx *ctx, unsigned char digest[PB_SHA256_SIZE]);
/* The digest as 64 lower-case hex digits and a NUL, from a context. */
void pb_sha256_final_hex(pb_sha256_ctx *ctx, char hex[65]);

/* The digest of data[0..len) as hex. */
void pb_sha256_hex(const void *data, size_t len, char hex[65]);
/* A 32-byte digest written as hex. */
void pb_sha256_digest_hex(const unsigned char digest[PB_SHA256_SIZE], char hex[65]);
#endif
