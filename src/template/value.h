/* value.h: the data a template renders against, knowing nothing of XML or PDFs.
 * A value is null, a boolean, a string, a list or a map (keys kept in insertion order).
 * The case stage builds one tree per document; the Mustache spec tests build them from JSON.
 * A tree owns its children: mu_free on the root frees everything. */
#ifndef PBDOCS_VALUE_H
#define PBDOCS_VALUE_H
#include <stdbool.h>
#include <stddef.h>

typedef enum { MU_NULL, MU_BOOL, MU_STRING, MU_LIST, MU_MAP } mu_kind;

typedef struct mu_value mu_value;
struct mu_value {
    mu_kind kind;
    bool markdown;  /* MU_STRING only: officer-written Markdown, meant for {{{x}}} */
    union {
        bool boolean;
        struct { char *s; size_t len; } str;
        struct { mu_value **items; size_t len, cap; } list;
        struct { char **keys; mu_value **vals; size_t len, cap; } map;
    } u;
};

mu_value *mu_null(void);
mu_value *mu_bool(bool b);
mu_value *mu_string(const char *s);
mu_value *mu_stringn(const char *s, size_t n);
mu_value *mu_markdown(const char *s);  /* a string flagged as Markdown */
mu_value *mu_list(void);
mu_value *mu_map(void);

/* Takes ownership of item / val. Setting an existing key replaces (and frees) its value. */
mu_value *mu_list_push(mu_value *list, mu_value *item);
mu_value *mu_map_set(mu_value *map, const char *key, mu_value *val);
/* Shorthands for the common case of a string member. */
mu_value *mu_map_set_str(mu_value *map, const char *key, const char *s);

/* The member named key[0..keylen) of a map, or NULL. */
const mu_value *mu_map_get(const mu_value *map, const char *key, size_t keylen);
/* Dotted path "a.b.c" from v, or NULL when any step is missing. */
const mu_value *mu_path(const mu_value *v, const char *path);

/* Mustache truthiness: null, false and empty lists are falsey. */
bool mu_truthy(const mu_value *v);
void mu_free(mu_value *v);
#endif
