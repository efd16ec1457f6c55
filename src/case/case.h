/* case.h: the case model, the structure every later stage reads first.
 *
 * A case is what a council's SEND system exports for one child: who the child is, who receives
 * the letters, the plan, the personal budget items, and the documents asked for. The loader
 * (load.c) fills it from XML after the schema (src/schema/case.rng) and the semantic rules
 * (rules.c) have passed; a case that has any problem is never handed on.
 * All memory of a case lives in its arena: case_free releases it at once. */
#ifndef PBDOCS_CASE_H
#define PBDOCS_CASE_H
#include <stdbool.h>
#include <stddef.h>

#include "case/kind.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/diag.h"
#include "core/money.h"

/* Who a letter is addressed to (statutory.md 1.10): a child's parent; a young person (over
 * compulsory school age); a nominee who receives the direct payments (with a copy to the parent
 * or young person); a representative (deputy or attorney) of a young person who lacks capacity;
 * the personal representatives of a recipient who has died. */
typedef enum {
    REL_PARENT, REL_YOUNG_PERSON, REL_NOMINEE, REL_REPRESENTATIVE, REL_PERSONAL_REPRESENTATIVE,
    REL_COUNT
} relationship;
typedef enum { STREAM_EDUCATION, STREAM_HEALTH, STREAM_SOCIAL_CARE, STREAM_COUNT } funding_stream;
typedef enum {
    ARR_DIRECT_PAYMENT, ARR_COUNCIL_MANAGED, ARR_THIRD_PARTY, ARR_PROVIDER_MANAGED
} arrangement;
typedef enum { SCOPE_PERSONAL_BUDGET, SCOPE_DIRECT_PAYMENT } refusal_scope;
typedef enum {
    GROUND_CIRCUMSTANCES_CHANGED = 1 << 0,
    GROUND_UNUSED = 1 << 1,
    GROUND_MISUSE = 1 << 2,
    GROUND_DEATH = 1 << 3,
    GROUND_OFFENCE = 1 << 4,   /* theft, fraud or another offence "may have occurred" */
} repayment_ground;
/* Refusal grounds (statutory.md 2.1 R5, 2.5): the first four refuse a personal budget (scope
 * personal-budget), the rest refuse direct payments (scope direct-payment). A refusal holds
 * them as bits: 1u << REFUSAL_*. */
typedef enum {
    REFUSAL_4A_ADVERSE_IMPACT, REFUSAL_4A_NOT_EFFICIENT, REFUSAL_OUTSIDE_REQUEST_TIMES,
    REFUSAL_NOT_IN_PLAN,
    REFUSAL_R5_NOT_CAPABLE, REFUSAL_R5_AGE, REFUSAL_R5_CAPACITY, REFUSAL_R5_SCHEDULE,
    REFUSAL_R6_APPROPRIATE_USE, REFUSAL_R6_BEST_INTERESTS, REFUSAL_R6_ADVERSE_IMPACT,
    REFUSAL_R6_NOT_EFFICIENT, REFUSAL_HEAD_TEACHER_NOT_AGREED, REFUSAL_SCHOOL_PLACE,
    REFUSAL_GROUND_COUNT
} refusal_ground;
/* How a document is sent: SENT_BY_PROFILE means the council profile's service method. */
typedef enum { SENT_BY_PROFILE, SENT_FIRST_CLASS, SENT_SECOND_CLASS, SENT_HAND, SENT_EMAIL } sent_by;
typedef enum { PAID_UNSET, PAID_WEEKLY, PAID_FOUR_WEEKLY, PAID_MONTHLY, PAID_QUARTERLY } paid_every;
typedef enum { PLAN_UNCHANGED, PLAN_AMENDED } reduction_plan;
/* Stop grounds (statutory.md 2.2b S3, 2.5). STOP_DEATH is the death of the person who received
 * the payments (a nominee, or a parent receiving them for the child): after the child's or young
 * person's own death no stop notice is issued (checks.c). */
typedef enum {
    STOP_CONSENT_WITHDRAWN, STOP_NO_LONGER_ELIGIBLE, STOP_REVIEW_NOT_USED_FOR_PROVISION,
    STOP_REVIEW_CANNOT_SECURE_BY_DP, STOP_ADVERSE_IMPACT, STOP_NOT_EFFICIENT,
    STOP_PROVISION_REMOVED, STOP_PLAN_CEASED, STOP_DEATH, STOP_GROUND_COUNT
} stop_ground;

/* The names used in XML and file names (doc_kind_name is in kind.h). */
const char *relationship_name(relationship r);
const char *stream_name(funding_stream s);     /* "education", "health", "social-care" */
const char *arrangement_name(arrangement a);   /* "direct-payment", ... */
const char *ground_name(repayment_ground g);   /* one bit */
const char *refusal_ground_name(refusal_ground g);  /* "4A-adverse-impact", ... */
refusal_scope refusal_ground_scope(refusal_ground g);  /* the scope the ground fits */
const char *paid_every_name(paid_every p);     /* "weekly", ...; "" for PAID_UNSET */
const char *stop_ground_name(stop_ground g);   /* "consent-withdrawn", ... */

typedef struct pb_strings {
    char **items;
    size_t len;
} pb_strings;

/* How and when a document is sent (sent-by, sent-at). */
typedef struct pb_sending {
    sent_by by;         /* SENT_BY_PROFILE when the case does not say */
    int minute;         /* sent-at as minutes after midnight (0..1439); -1 when not given */
} pb_sending;

typedef struct pb_item {
    char *id;
    funding_stream stream;
    arrangement arr;
    char *provision;
    pb_strings needs;         /* <need> texts: the special educational needs it meets */
    pb_strings need_refs;     /* same length as needs: each ref ("B3") or NULL */
    pb_strings outcomes;      /* <outcome> texts */
    pb_strings outcome_refs;  /* same length as outcomes: each ref ("E2") or NULL */
    pence annual;
    bool annual_ok;   /* false when the amount was rejected (so nothing is compared with it) */
    paid_every paid;  /* direct payments: how often paid; PAID_UNSET when not given */
    char *payee;      /* direct payments: who receives the money, or NULL */
    struct {
        bool has;
        char *by;          /* who agreed */
        bool principal;    /* role: false = head teacher, true = principal */
        pb_date date;
    } setting_agreement;   /* the head teacher's or principal's agreement (reg 6) */
} pb_item;

typedef struct pb_change {
    const pb_item *item;  /* the item the change refers to */
    pence new_annual;     /* always lower than item->annual */
} pb_change;

typedef struct pb_refusal {
    pb_date issued;
    pb_sending sent;
    pb_date requested;      /* the date of the request refused */
    unsigned grounds;       /* 1u << refusal_ground, at least one, each fitting scope */
    refusal_scope scope;
    const pb_item **items;  /* what was asked for; may be empty */
    size_t n_items;
    pb_strings reasons;     /* Markdown */
} pb_refusal;

typedef struct pb_reduction {
    pb_date issued;
    pb_sending sent;
    reduction_plan plan;    /* whether Section F is unchanged or has been amended */
    pb_date amended_plan;   /* PLAN_AMENDED: the date of the amended final plan */
    char *cost_reason;      /* Markdown; PLAN_UNCHANGED: why the same provision costs less */
    pb_change *changes;
    size_t n_changes;
    pb_strings reasons;     /* Markdown */
} pb_reduction;

typedef struct pb_repayment {
    pb_date issued;
    pb_sending sent;
    pence amount;           /* > 0, at most paid - spent */
    pence paid, spent;      /* paid out for the period, and evidenced spend; spent <= paid */
    unsigned grounds;       /* repayment_ground bits, at least one */
    bool has_period;
    pb_date period_from, period_to;
    pb_strings reasons;     /* Markdown */
} pb_repayment;

typedef struct pb_stop {
    pb_date issued;
    pb_sending sent;
    const pb_item **items;  /* the direct payments stopped: education or social care, at least one */
    size_t n_items;
    stop_ground ground;
    bool has_consent_date;
    pb_date consent_withdrawn_on;  /* STOP_CONSENT_WITHDRAWN: the date of the recipient's
                                      written notice; payments stop from it (no notice period) */
    bool personal_assistant;  /* <personal-assistant/>: the payments employ a personal assistant */
    pb_strings reasons;     /* Markdown */
    char *continuation;     /* Markdown: how the provision is delivered from the stop date */
} pb_stop;

typedef struct pb_section_j {
    pb_date issued;
    pb_sending sent;
    char *summary;          /* Markdown */
    char *dp_arrangements;  /* Markdown, or NULL */
} pb_section_j;

typedef struct pb_case {
    arena mem;
    char *file;             /* where it came from, for messages */
    int line;               /* line of <case> in that file */
    char *id;
    char *council;          /* a profile id in templates/councils/ */
    struct {
        char *given_names, *family_name;
        pb_date date_of_birth;
        bool has_died;
        pb_date date_of_death;  /* when has_died */
    } child;
    struct {
        relationship rel;
        bool lacks_capacity; /* acting-for="lacks-capacity": a parent acting for a young person */
        char *title;        /* or NULL */
        char *name;
        char *family_name;  /* or NULL: the salutation is then "Dear {name}" */
        pb_strings address; /* the lines, without the postcode */
        char *postcode;     /* normalised: upper case, one space */
        bool large_print;
        struct {
            bool has;
            relationship rel;   /* REL_PARENT or REL_YOUNG_PERSON */
            char *title, *name, *family_name;  /* title, family_name may be NULL */
            pb_strings address;
            char *postcode;
        } copy_to;          /* a nominee's letter also goes to this person */
    } recipient;
    struct {
        char *reference;
        pb_date issued;
    } plan;
    struct {
        char *name, *role, *phone, *email;
    } officer;
    pb_item *items;
    size_t n_items;
    bool has[DOC_KIND_COUNT];  /* which documents the case asks for */
    pb_refusal refusal;
    pb_reduction reduction;
    pb_repayment repayment;
    pb_section_j section_j;
    pb_stop stop;
    diag_list warnings;  /* what is valid but should be looked at (printed, never fatal) */
} pb_case;

const pb_item *case_find_item(const pb_case *c, const char *id);
/* The last day of compulsory school age for this date of birth (statutory.md 1.10): the last
 * Friday in June of the school year in which the person turns 16. From the next day they are a
 * young person. */
pb_date compulsory_school_age_end(pb_date dob);
void case_free(pb_case *c);
#endif
