/* context.h: what a template sees. Case + council profile (+ the working-day calendar) become
 * one value tree per document: every value already formatted for a letter (money "£1,234.50",
 * dates "23 November 2026"), computed values worked out here (effective date of a reduction,
 * repayment due date, totals by stream, the child's full name, the salutation), never in the
 * templates. Every name is listed in the field catalogue (fields.h); a test checks the two agree.
 *
 * The domain rules of each kind live in one file each: refusal.c, reduction.c, repayment.c,
 * section_j.c, stop.c; this file's context.c builds the parts every document shares. */
#ifndef PBDOCS_CONTEXT_H
#define PBDOCS_CONTEXT_H
#include "case/case.h"
#include "case/council.h"
#include "core/calendar.h"
#include "core/diag.h"
#include "docs/notice.h"
#include "template/value.h"

typedef struct doc_input {
    const pb_case *c;
    const council *council;
    const calendar *cal;
} doc_input;

/* The whole context for a document of this kind, or NULL with problems in errs (e.g. a council
 * profile whose service method is unknown). The caller frees it with mu_free. */
mu_value *doc_context(doc_kind kind, const doc_input *in, diag_list *errs);

/* The shared parts (also used by the kind files). */
mu_value *context_common(const doc_input *in, pb_date issued);
/* Money and dates as letters print them, as template values. */
mu_value *money_value_of(pence p);
mu_value *date_value_of(pb_date d);          /* "23 November 2026" */
mu_value *weekday_date_value_of(pb_date d);  /* "Tuesday 9 February 2027" */
/* An officer's Markdown, made safe to insert raw: a line that starts with '<' is escaped so it
 * can never open an HTML block (the typesetter's furniture markers are HTML blocks). */
mu_value *officer_markdown(const char *md);
/* "28 working days" / "28 days" */
mu_value *period_value_of(int days, day_unit unit);

/* Officers' Markdown paragraphs as a list for {{#reasons}}{{{.}}}{{/reasons}}. */
mu_value *markdown_list(const pb_strings *s);
/* How the council serves letters (its profile), or -1 with a problem. */
int council_service(const doc_input *in, service_method *m, diag_list *errs);
/* How this document is sent: its own sent-by, else the council's method; *minute is its sent-at
 * (minutes after midnight) or -1. -1 with a problem when the profile's method is unknown. */
int document_service(const doc_input *in, const pb_sending *s, service_method *m, int *minute,
                     diag_list *errs);

/* A contact (name, address, phone, email, website; each optional but address) as a value. */
mu_value *contact_value_of(const pb_contact *c);
/* How a letter is sent (as document_service) and the context's sent map: sent.method
 * ("first-class post"), sent.statement (a true sentence: "We are sending this letter by
 * first-class post."; hand or email at 16:30 or later adds that it counts as sent the next
 * working day), sent.after_cutoff. Every letter's builder calls it. */
int letter_sending(mu_value *ctx, const doc_input *in, const pb_sending *s, service_method *m,
                   int *minute, diag_list *errs);

/* What every notice (reduction, stop) opens with: letter_sending, then the map ctx[key] with
 * issued, service, deemed_receipt, last_day, notice, reconsider_by and reconsider_within, the
 * notice period counted from deemed receipt in the council's unit (statutory.md 3.3). Fills nd;
 * returns the map, or NULL with a problem. */
mu_value *notice_context(mu_value *ctx, const doc_input *in, const char *key,
                         const pb_sending *sent, pb_date issued, notice_dates *nd,
                         diag_list *errs);

/* The per-kind parts, added to ctx under the kind's own name. */
int refusal_context(mu_value *ctx, const doc_input *in, diag_list *errs);
int reduction_context(mu_value *ctx, const doc_input *in, diag_list *errs);
int repayment_context(mu_value *ctx, const doc_input *in, diag_list *errs);
int section_j_context(mu_value *ctx, const doc_input *in, diag_list *errs);
int stop_context(mu_value *ctx, const doc_input *in, diag_list *errs);
#endif
