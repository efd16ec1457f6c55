/* sha256.c: the pbdocs names over nettle's SHA-256 (see sha256.h), plus the hex form every
 * caller wants. nettle is a well-kept Debian library with its own run-time choice of SHA-NI, so
 * pbdocs no longer carries a compression function of its own. */
#include "core/sha256.h"

void pb_sha256_init(pb_sha256_ctx *ctx)
{
    sha256_init(&ctx->nettle);
}

void pb_sha256_update(pb_sha256_ctx *ctx, const void *data, size_t len)
{
    sha256_update(&ctx->nettle, len, data);
}

void pb_sha256_final(pb_sha256_ctx *ctx, unsigned char digest[PB_SHA256_SIZE])
{
    sha256_digest(&ctx->nettle, PB_SHA256_SIZE, digest);
}

void pb_sha256_digest_hex(const unsigned char digest[PB_SHA256_SIZE], char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < PB_SHA256_SIZE; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[2 * PB_SHA256_SIZE] = '\0';
}

void pb_sha256_final_hex(pb_sha256_ctx *ctx, char hex[65])
{
    unsigned char digest[PB_SHA256_SIZE];
    pb_sha256_final(ctx, digest);
    pb_sha256_digest_hex(digest, hex);
}

void pb_sha256_hex(const void *data, size_t len, char hex[65])
{
    pb_sha256_ctx ctx;
    pb_sha256_init(&ctx);
    pb_sha256_update(&ctx, data, len);
    pb_sha256_final_hex(&ctx, hex);
}
