/* shard.h: splitting one run over N machines. A case belongs to shard
 *   1 + (FNV-1a 64 of its id's bytes) mod N
 * which every copy of pbdocs computes the same way on any machine, so N runs with K = 1..N cover
 * every case exactly once. A case with no valid id (missing, malformed, unreadable XML) cannot be
 * hashed: it belongs to shard 1, where it becomes a rejected row, so nothing is lost. */
#ifndef PBDOCS_SHARD_H
#define PBDOCS_SHARD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct shard_spec {
    int k, n;  /* 1 <= k <= n; {1, 1} is the whole run */
} shard_spec;

/* Parses "K/N"; false when it is not two integers with 1 <= K <= N <= 1000000. */
bool shard_parse(const char *s, shard_spec *out);

uint64_t fnv1a64(const void *data, size_t len);

/* The shard (1..n) of a case: id is its id, or NULL when it has none that is valid. */
int shard_of(const char *id, int n);
bool shard_holds(const shard_spec *s, const char *id);
#endif
