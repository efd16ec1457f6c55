/* auth.h: who may call the server. Tokens: --tokens FILE holds one NAME:SHA256-HEX line per
 * client; a request's bearer token is hashed and compared with every line in constant time.
 * Sessions: the officers' page trades a token, once, for a random session id kept in an
 * HttpOnly cookie. tokens are read-only after tokens_load; sessions have a lock. */
#ifndef PBDOCS_AUTH_H
#define PBDOCS_AUTH_H
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

typedef struct tokens tokens;
typedef struct sessions sessions;

/* Reads the tokens file; NULL with a problem when it cannot be read or a line is malformed. */
tokens *tokens_load(const char *path, diag_list *errs);
void tokens_free(tokens *t);
/* The client's name for a token as presented, or NULL. Every line is compared, in constant
 * time, whatever matches. */
const char *tokens_check(const tokens *t, const char *token);
/* True for a name a tokens file may hold: 1-64 of [A-Za-z0-9._-]. */
bool token_name_ok(const char *name);

/* Session ids: 64 hex digits from getrandom(), valid for SESSION_SECONDS. */
#define SESSION_SECONDS (8 * 3600)
sessions *sessions_new(void);
void sessions_free(sessions *s);
/* Starts a session for name; writes its id into id[65]. 0, or -1 when no randomness. */
int session_start(sessions *s, const char *name, char id[65]);
/* Copies the name of a live session with this id into name[size]; false when none. */
bool session_check(sessions *s, const char *id, char *name, size_t size);

/* n random bytes as 2n hex digits and a NUL (getrandom). 0, or -1. */
int random_hex(char *hex, size_t n);
#endif
