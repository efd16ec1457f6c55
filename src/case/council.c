/* council.c: council profiles, loaded on first use and kept for the run; see council.h. */
#include "case/council.h"

#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libxml/parser.h>

#include "case/rng_explain.h"
#include "case/xml.h"
#include "core/paths.h"
#include "core/xalloc.h"

#define MAX_COUNCILS 64

struct council_set {
    char *dir;
    pthread_mutex_t lock;
    council *loaded[MAX_COUNCILS];
    size_t n;
};

/* A profile and what it holds outside its arena. */
static void council_free(council *c)
{
    extra_font_close(c->extra_font);
    arena mem = c->mem;
    arena_free(&mem);
}

council_set *councils_open(const char *dir)
{
    council_set *set = xcalloc(1, sizeof *set);
    set->dir = xstrdup(dir);
    pthread_mutex_init(&set->lock, NULL);
    return set;
}

void councils_close(council_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++)
        council_free(set->loaded[i]);
    pthread_mutex_destroy(&set->lock);
    free(set->dir);
    free(set);
}

static bool quote_any(const char *name)
{
    (void)name;
    return true;
}

static bool id_safe(const char *id)
{
    if (!id[0] || strlen(id) > 64)
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return true;
}

static void profile_path(const council_set *set, const char *id, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s.xml", set->dir, id);
}

bool council_exists(council_set *set, const char *id)
{
    if (!id_safe(id))
        return false;
    char path[PATH_MAX];
    struct stat st;
    profile_path(set, id, path, sizeof path);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void council_ids(const council_set *set, char *buf, size_t size)
{
    char *ids[MAX_COUNCILS * 4];
    size_t n = 0, used = 0;
    buf[0] = '\0';
    DIR *d = opendir(set->dir);
    for (struct dirent *e; d && (e = readdir(d)) && n < sizeof ids / sizeof ids[0];) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0) {
            ids[n] = xstrdup(e->d_name);
            ids[n][len - 4] = '\0';
            if (id_safe(ids[n]))
                n++;
            else
                free(ids[n]);
        }
    }
    if (d)
        closedir(d);
    qsort(ids, n, sizeof ids[0], by_name);
    for (size_t i = 0; i < n; i++) {
        if (used < size)
            used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? "|" : "", ids[i]);
        free(ids[i]);
    }
}

const char *councils_dir(const council_set *set)
{
    return set->dir;
}

static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            return n;
    return NULL;
}

static char *text(arena *a, xmlNodePtr n)
{
    if (!n)
        return NULL;
    xmlChar *s = xmlNodeGetContent(n);
    char *out = arena_strdup(a, (const char *)s);
    xmlFree(s);
    return out;
}

static char *attr(arena *a, xmlNodePtr n, const char *name)
{
    if (!n)
        return NULL;
    xmlChar *s = xmlGetProp(n, (const xmlChar *)name);
    char *out = s ? arena_strdup(a, (const char *)s) : NULL;
    xmlFree(s);
    return out;
}

static int int_attr(xmlNodePtr n, const char *name)
{
    xmlChar *s = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
    int v = s ? atoi((const char *)s) : 0;
    xmlFree(s);
    return v;
}

static day_unit unit_attr(xmlNodePtr n)
{
    xmlChar *s = n ? xmlGetProp(n, (const xmlChar *)"unit") : NULL;
    day_unit u = s && strcmp((const char *)s, "working") == 0 ? DAYS_WORKING : DAYS_CALENDAR;
    xmlFree(s);
    return u;
}

static void read_contact(arena *a, xmlNodePtr n, pb_contact *c)
{
    c->name = text(a, child(n, "name"));
    c->phone = text(a, child(n, "phone"));
    c->email = text(a, child(n, "email"));
    c->website = text(a, child(n, "website"));
    xmlNodePtr addr = child(n, "address");
    size_t count = 0;
    for (xmlNodePtr k = addr ? addr->children : NULL; k; k = k->next)
        count += k->type == XML_ELEMENT_NODE;
    c->address.items = arena_alloc(a, (count ? count : 1) * sizeof(char *));
    for (xmlNodePtr k = addr ? addr->children : NULL; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE)
            c->address.items[c->address.len++] = text(a, k);
}

/* <complaints> without stream is the general contact (required); with stream, that stream's. */
static int read_complaints(arena *a, xmlNodePtr root, council *c, const char *path, diag_list *errs)
{
    static const char *const streams[COMPLAINTS_STREAMS] = {
        "education", "children-social-care", "adult-social-care"};
    bool seen[COMPLAINTS_STREAMS] = {false}, general = false;
    int problems = 0;
    for (xmlNodePtr k = root->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || strcmp((const char *)k->name, "complaints") != 0)
            continue;
        char *stream = attr(a, k, "stream");
        int s = -1;
        for (int i = 0; stream && i < COMPLAINTS_STREAMS; i++)
            if (strcmp(stream, streams[i]) == 0)
                s = i;
        bool *dup = s < 0 ? &general : &seen[s];
        if (*dup) {
            diag_add_class(errs, DIAG_TEMPLATE, path, (int)xmlGetLineNo(k), 0, NULL, "complaints",
                           "appears twice for the same stream");
            problems++;
        }
        *dup = true;
        read_contact(a, k, s < 0 ? &c->complaints : &c->stream_complaints[s]);
    }
    if (!general) {
        diag_add_class(errs, DIAG_TEMPLATE, path, (int)xmlGetLineNo(root), 0, NULL, "complaints",
                       "is missing: give the council's general complaints contact (a <complaints> "
                       "without stream)");
        problems++;
    }
    for (int i = 0; i < COMPLAINTS_STREAMS; i++)
        if (!seen[i])
            c->stream_complaints[i] = c->complaints;
    return problems;
}

static int read_notice_source(arena *a, xmlNodePtr n, council *c, const char *path,
                              diag_list *errs)
{
    char *source = attr(a, n, "source"), *covers = attr(a, n, "covers");
    c->notice.from_policy = source && strcmp(source, "policy") == 0;
    c->notice.covers = !covers || strcmp(covers, "reduction") == 0 ? COVERS_REDUCTION
                       : strcmp(covers, "stop") == 0 ? COVERS_STOP : COVERS_BOTH;
    xmlNodePtr words = child(n, "policy-words");
    c->notice.policy_words = text(a, words);
    c->notice.paragraph = attr(a, words, "paragraph");
    if (c->notice.from_policy == (words != NULL))
        return 0;
    diag_add_class(errs, DIAG_TEMPLATE, path, (int)xmlGetLineNo(n), 0, NULL,
                   "policy/reduction-notice",
                   c->notice.from_policy ? "has source=\"policy\": quote the policy's own words "
                   "in <policy-words paragraph=\"...\">"
                                         : "has <policy-words> but not source=\"policy\"");
    return 1;
}

static council *load_profile(const council_set *set, const char *id, diag_list *errs)
{
    char path[PATH_MAX];
    profile_path(set, id, path, sizeof path);
    size_t len;
    bool too_big;
    char *buf = xml_read_file(path, 1u << 20, &len, errs, &too_big);
    if (!buf)
        return NULL;
    xml_origin o = {.file = path, .may_quote = quote_any};  /* a profile holds no personal data */
    xmlDocPtr doc = xml_parse(buf, len, &o, errs);
    free(buf);
    if (!doc)
        return NULL;
    char schema[PATH_MAX];
    pb_path(schema, sizeof schema, "schema/council.rng");
    diag_list found = {0};
    if (xml_validate(doc, schema, &o, &found) != 0) {
        /* libxml2's words name no attribute: say which and what it may be, when that is it */
        diag_list named = {0};
        diag_list_take(errs, rng_explain_attributes(doc, schema, &o, &named) > 0 ? &named : &found);
        diag_list_clear(&found);
        diag_list_clear(&named);
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    arena mem = {0};
    council *c = arena_alloc(&mem, sizeof *c);
    c->mem = mem;
    arena *a = &c->mem;
    c->id = attr(a, root, "id");
    int problems = 0;
    if (strcmp(c->id, id) != 0) {
        diag_add_class(errs, DIAG_TEMPLATE, path, (int)xmlGetLineNo(root), 0, NULL, "@id",
                       "is not the file's name (%s.xml)", c->id);
        problems++;
    }
    c->name = text(a, child(root, "name"));
    read_contact(a, root, &c->contact);
    xmlNodePtr logo = child(root, "logo");
    if (logo) {
        char *rel = text(a, logo);
        char full[PATH_MAX];
        snprintf(full, sizeof full, "%s/%s", set->dir, rel);
        struct stat st;
        if (strstr(rel, "..") || rel[0] == '/' || stat(full, &st) != 0) {
            diag_add_class(errs, DIAG_TEMPLATE, path, (int)xmlGetLineNo(logo), 0, NULL, "logo",
                           "names no PNG file in the councils folder");
            problems++;
        }
        c->logo = arena_strdup(a, full);
    }
    xmlNodePtr font = child(root, "extra-font");
    if (font) {
        /* a path of its own: absolute, or from the profile's folder */
        char *rel = text(a, font), full[PATH_MAX];
        snprintf(full, sizeof full, "%s%s%s", rel[0] == '/' ? "" : set->dir,
                 rel[0] == '/' ? "" : "/", rel);
        c->extra_font = extra_font_open(full, path, (int)xmlGetLineNo(font), errs);
        problems += c->extra_font == NULL;
    }
    xmlNodePtr sig = child(root, "signatory");
    c->signatory.name = attr(a, sig, "name");
    c->signatory.role = attr(a, sig, "role");
    read_contact(a, child(root, "sendiass"), &c->sendiass);
    problems += read_complaints(a, root, c, path, errs);
    read_contact(a, child(root, "icb"), &c->icb);
    xmlNodePtr win = child(root, "envelope-window");
    if (win) {
        static const char *const names[4] = {"left-mm", "top-mm", "width-mm", "height-mm"};
        c->has_window = true;
        for (int i = 0; i < 4; i++) {
            xmlChar *s = xmlGetProp(win, (const xmlChar *)names[i]);
            c->window_mm[i] = s ? strtod((const char *)s, NULL) : 0;
            xmlFree(s);
        }
    }
    xmlNodePtr pol = child(root, "policy");
    c->policy = attr(a, pol, "title");
    c->service = attr(a, child(pol, "service"), "method");
    xmlNodePtr n = child(pol, "reduction-notice");
    c->notice.days = int_attr(n, "days");
    c->notice.unit = unit_attr(n);
    problems += read_notice_source(a, n, c, path, errs);
    n = child(pol, "reconsideration");
    c->reconsiderations = int_attr(n, "count");
    if (c->reconsiderations < 1) {
        diag_add_class(errs, DIAG_TEMPLATE, path, (int)xmlGetLineNo(n), 0, NULL,
                       "policy/reconsideration/@count",
                       "must be at least 1: a council must reconsider a decision when asked "
                       "(SEN Personal Budgets Regulations 2014 reg 12(3))");
        problems++;
    }
    c->reconsider_within.days = int_attr(n, "days");
    c->reconsider_within.unit = unit_attr(n);
    n = child(pol, "repayment");
    c->repay.days = int_attr(n, "days");
    c->repay.unit = unit_attr(n);
    c->repay.how_to_pay = text(a, child(n, "how-to-pay"));
    n = child(pol, "refusal-review");
    c->refusal_review.reviewer = attr(a, n, "reviewer");
    c->refusal_review.days = int_attr(n, "days");
    c->refusal_review.unit = unit_attr(n);
    c->refusal_review.reply_days = int_attr(n, "reply-working-days");
    c->policy_notes = text(a, child(pol, "notes"));
    xmlFreeDoc(doc);
    if (problems) {
        council_free(c);
        return NULL;
    }
    return c;
}

size_t councils_check(council_set *set, diag_list *errs)
{
    char ids[MAX_COUNCILS * 4 * 64];
    council_ids(set, ids, sizeof ids);
    size_t bad = 0;
    for (char *id = ids, *bar; *id; id = bar ? bar + 1 : id + strlen(id)) {
        bar = strchr(id, '|');
        if (bar)
            *bar = '\0';
        pthread_mutex_lock(&set->lock);
        bool loaded = false;
        for (size_t i = 0; i < set->n && !loaded; i++)
            loaded = strcmp(set->loaded[i]->id, id) == 0;
        pthread_mutex_unlock(&set->lock);
        if (loaded)
            continue;
        if (set->n < MAX_COUNCILS) {
            bad += council_get(set, id, errs) == NULL;
            continue;
        }
        size_t first = errs->len;  /* no room to keep it: read it to check it, then drop it */
        council *c = load_profile(set, id, errs);
        diag_raise_class(errs, first, DIAG_TEMPLATE);
        if (c) {
            council_free(c);
        } else {
            bad++;
        }
    }
    return bad;
}

const council *council_get(council_set *set, const char *id, diag_list *errs)
{
    if (!id_safe(id))
        return NULL;
    council *found = NULL;
    pthread_mutex_lock(&set->lock);
    for (size_t i = 0; i < set->n && !found; i++)
        if (strcmp(set->loaded[i]->id, id) == 0)
            found = set->loaded[i];
    if (!found && set->n < MAX_COUNCILS && council_exists(set, id)) {
        size_t first = errs->len;
        found = load_profile(set, id, errs);
        /* The XML readers take every file for case data; a broken profile is no case's fault. */
        diag_raise_class(errs, first, DIAG_TEMPLATE);
        if (found)
            set->loaded[set->n++] = found;
    }
    pthread_mutex_unlock(&set->lock);
    return found;
}
