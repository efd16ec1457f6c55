/* value.c: the template data tree; see value.h. */
#include "template/value.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static mu_value *new_value(mu_kind kind)
{
    mu_value *v = xcalloc(1, sizeof *v);
    v->kind = kind;
    return v;
}

mu_value *mu_null(void) { return new_value(MU_NULL); }
mu_value *mu_list(void) { return new_value(MU_LIST); }
mu_value *mu_map(void) { return new_value(MU_MAP); }

mu_value *mu_bool(bool b)
{
    mu_value *v = new_value(MU_BOOL);
    v->u.boolean = b;
    return v;
}

mu_value *mu_stringn(const char *s, size_t n)
{
    mu_value *v = new_value(MU_STRING);
    v->u.str.s = xmemdupz(s, n);
    v->u.str.len = n;
    return v;
}

mu_value *mu_string(const char *s)
{
    return mu_stringn(s, strlen(s));
}

mu_value *mu_markdown(const char *s)
{
    mu_value *v = mu_string(s);
    v->markdown = true;
    return v;
}

mu_value *mu_list_push(mu_value *list, mu_value *item)
{
    list->u.list.items = xgrow(list->u.list.items, &list->u.list.cap, list->u.list.len + 1,
                               sizeof *list->u.list.items);
    list->u.list.items[list->u.list.len++] = item;
    return item;
}

mu_value *mu_map_set(mu_value *map, const char *key, mu_value *val)
{
    for (size_t i = 0; i < map->u.map.len; i++) {
        if (strcmp(map->u.map.keys[i], key) == 0) {
            mu_free(map->u.map.vals[i]);
            map->u.map.vals[i] = val;
            return val;
        }
    }
    if (map->u.map.len == map->u.map.cap) {  /* keys and vals share one capacity */
        size_t cap = map->u.map.cap;
        map->u.map.keys = xgrow(map->u.map.keys, &cap, map->u.map.len + 1, sizeof *map->u.map.keys);
        map->u.map.vals = xreallocarray(map->u.map.vals, cap, sizeof *map->u.map.vals);
        map->u.map.cap = cap;
    }
    map->u.map.keys[map->u.map.len] = xstrdup(key);
    map->u.map.vals[map->u.map.len++] = val;
    return val;
}

mu_value *mu_map_set_str(mu_value *map, const char *key, const char *s)
{
    return mu_map_set(map, key, mu_string(s));
}

const mu_value *mu_map_get(const mu_value *map, const char *key, size_t keylen)
{
    if (!map || map->kind != MU_MAP)
        return NULL;
    for (size_t i = 0; i < map->u.map.len; i++) {
        const char *k = map->u.map.keys[i];
        /* key may hold a NUL (a template's bytes): compare lengths first, never read past k */
        if (strnlen(k, keylen + 1) == keylen && memcmp(k, key, keylen) == 0)
            return map->u.map.vals[i];
    }
    return NULL;
}

const mu_value *mu_path(const mu_value *v, const char *path)
{
    if (strcmp(path, ".") == 0)
        return v;
    while (v) {
        const char *dot = strchr(path, '.');
        size_t n = dot ? (size_t)(dot - path) : strlen(path);
        v = mu_map_get(v, path, n);
        if (!dot)
            return v;
        path = dot + 1;
    }
    return NULL;
}

bool mu_truthy(const mu_value *v)
{
    if (!v)
        return false;
    switch (v->kind) {
    case MU_NULL: return false;
    case MU_BOOL: return v->u.boolean;
    case MU_STRING: return true;
    case MU_LIST: return v->u.list.len > 0;
    case MU_MAP: return true;
    }
    return false;
}

void mu_free(mu_value *v)
{
    if (!v)
        return;
    switch (v->kind) {
    case MU_STRING:
        free(v->u.str.s);
        break;
    case MU_LIST:
        for (size_t i = 0; i < v->u.list.len; i++)
            mu_free(v->u.list.items[i]);
        free(v->u.list.items);
        break;
    case MU_MAP:
        for (size_t i = 0; i < v->u.map.len; i++) {
            free(v->u.map.keys[i]);
            mu_free(v->u.map.vals[i]);
        }
        free(v->u.map.keys);
        free(v->u.map.vals);
        break;
    default:
        break;
    }
    free(v);
}
