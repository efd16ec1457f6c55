/* form.h: what the officers' page builds its form from (GET /api/v1/schema): every document
 * kind with its fields, and the closed lists of the parts every case has, taken from the case
 * format's table (case/explain.h) and worded by form_words.c. The page holds no list of kinds,
 * grounds or relationships of its own, so a kind added to the case format shows up in the form
 * without a change to its script. Read-only: any thread. */
#ifndef PBDOCS_FORM_H
#define PBDOCS_FORM_H
#include "core/strbuf.h"

typedef struct form_word {
    const char *path;   /* "refusal/@requested", "*" /@issued, "refusal/ground=r5-age" (a value) */
    const char *label;
    const char *hint;   /* or NULL */
    const char *input;  /* date, time, money, markdown, flag, items, item-ref; NULL: from the format */
    const char *when;   /* "@plan=amended", "@sent-by=hand|email": shown only then; or NULL */
} form_word;

/* The words for rest ("@requested", "ground", "ground=r5-age"; NULL: the element itself) of
 * element ("refusal"): its own row, else a "*" row; NULL when none. */
const form_word *form_word_find(const char *element, const char *rest);

/* {"kinds": [...], "lists": {...}} as the page reads it (form.c documents the shape). */
void form_schema_json(strbuf *out);
#endif
