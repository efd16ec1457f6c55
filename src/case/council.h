/* council.h: council profiles (contract section 4), templates/councils/<id>.xml, checked against
 * src/schema/council.rng. A profile holds the council's contact facts and the policy rules the
 * documents depend on: notice for a reduction, reconsiderations, time to repay, refusal review. */
#ifndef PBDOCS_COUNCIL_H
#define PBDOCS_COUNCIL_H
#include <stdbool.h>

#include "case/case.h"
#include "core/calendar.h"
#include "core/diag.h"
#include "fonts/extra_font.h"

typedef struct pb_contact {
    char *name;           /* may be NULL */
    pb_strings address;   /* lines, postcode last; may be empty */
    char *phone, *email, *website;  /* each may be NULL */
} pb_contact;

/* The complaints procedures a letter may point to, by stream (statutory.md 2.0). */
typedef enum {
    COMPLAINTS_EDUCATION, COMPLAINTS_CHILDREN_SOCIAL_CARE, COMPLAINTS_ADULT_SOCIAL_CARE,
    COMPLAINTS_STREAMS
} complaints_stream;
typedef enum { COVERS_REDUCTION, COVERS_STOP, COVERS_BOTH } notice_covers;

typedef struct council {
    arena mem;
    char *id;
    char *name;            /* "Bath and North East Somerset Council" */
    pb_contact contact;    /* the council's own postal address and SEND team contact */
    char *logo;            /* absolute path of a PNG, or NULL */
    /* <extra-font>: a TrueType font for characters the letter faces lack (fonts/extra_font.h),
     * opened when the profile loads and closed with the set; NULL when none is named. */
    pb_extra_font *extra_font;
    struct { char *name, *role; } signatory;
    pb_contact sendiass;   /* SEND information, advice and support service */
    pb_contact complaints;       /* the general complaints contact */
    /* Each stream's complaints contact: its own <complaints stream="..."> or the general one. */
    pb_contact stream_complaints[COMPLAINTS_STREAMS];
    pb_contact icb;              /* the NHS integrated care board (decides health items) */
    bool has_window;       /* envelope window override */
    double window_mm[4];   /* left, top, width, height */
    char *service;         /* how letters are served: first-class, second-class, hand, email */
    struct {
        int days;
        day_unit unit;
        bool from_policy;       /* source="policy": the published policy sets this period */
        notice_covers covers;   /* which decisions the policy's period covers */
        char *policy_words;     /* the policy's own words (from_policy), else NULL */
        char *paragraph;        /* their paragraph ("7.1"), else NULL */
    } notice;                                          /* reduction notice */
    int reconsiderations;                              /* of a reduction; at least 1 */
    struct { int days; day_unit unit; } reconsider_within; /* ask for reconsideration within */
    struct { int days; day_unit unit; char *how_to_pay; } repay;  /* how_to_pay: Markdown */
    struct { char *reviewer; int days; day_unit unit; int reply_days; } refusal_review;
    char *policy;          /* the policy's title, as the letters cite it */
    char *policy_notes;    /* Markdown: council-specific conditions (e.g. quarterly returns) or NULL */
} council;

typedef struct council_set council_set;

/* dir is the councils folder (templates/councils). Profiles are loaded on first use. */
council_set *councils_open(const char *dir);
void councils_close(council_set *set);

/* The profile with this id, or NULL: unknown id (no such file, or an id that is not
 * [a-z0-9-]+), or a profile with problems (added to errs with the profile's file:line). */
const council *council_get(council_set *set, const char *id, diag_list *errs);
/* Loads every profile of the folder (kept for later council_get while there is room, else read
 * and dropped) so a run can refuse to start on a broken one rather than reject its cases one by
 * one. Problems are added to errs (class DIAG_TEMPLATE, the profile's file:line). Returns how
 * many profiles have problems. */
size_t councils_check(council_set *set, diag_list *errs);
/* True when templates/councils/<id>.xml exists (does not load it). */
bool council_exists(council_set *set, const char *id);
/* The ids of every profile in the folder, sorted, joined by '|' ("birmingham|bnes|...") into
 * buf; "" when none. Reads the folder each call (for messages only). */
void council_ids(const council_set *set, char *buf, size_t size);
/* The councils folder the set reads (read-only after councils_open: any thread). */
const char *councils_dir(const council_set *set);
#endif
