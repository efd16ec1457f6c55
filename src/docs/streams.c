/* streams.c: the decision routes per stream (statutory.md 2.0); see streams.h. */
#include "docs/streams.h"

#include <string.h>

#define LGSCO "the Local Government and Social Care Ombudsman (LGSCO)"

const stream_route_info stream_routes[ROUTE_COUNT] = {
    [ROUTE_EDUCATION] = {
        .name = "Education",
        .words = "education",
        .decision_maker = "our SEND service",
        .legal_basis = "section 49 of the Children and Families Act 2014 and the Special "
                       "Educational Needs (Personal Budgets) Regulations 2014",
        .complaints_procedure = "our complaints procedure",
        .ombudsman = LGSCO,
        .complaints = COMPLAINTS_EDUCATION,
    },
    [ROUTE_CHILDREN_SOCIAL_CARE] = {
        .name = "Children's social care",
        .words = "children's social care",
        .decision_maker = "our children's social care service",
        .legal_basis = "sections 17 and 17A of the Children Act 1989 and the Community Care, "
                       "Services for Carers and Children's Services (Direct Payments) (England) "
                       "Regulations 2009",
        .complaints_procedure = "the children's social care complaints procedure (section 26 of "
                                "the Children Act 1989)",
        .ombudsman = LGSCO,
        .complaints = COMPLAINTS_CHILDREN_SOCIAL_CARE,
    },
    [ROUTE_ADULT_SOCIAL_CARE] = {
        .name = "Adult social care",
        .words = "adult social care",
        .decision_maker = "our adult social care service",
        .legal_basis = "sections 31 to 33 of the Care Act 2014 and the Care and Support (Direct "
                       "Payments) Regulations 2014",
        .complaints_procedure = "the adult social care complaints procedure (the Local Authority "
                                "Social Services and National Health Service Complaints (England) "
                                "Regulations 2009)",
        .ombudsman = LGSCO,
        .complaints = COMPLAINTS_ADULT_SOCIAL_CARE,
    },
    [ROUTE_HEALTH] = {
        .name = "Health",
        .words = "health",
        .decision_maker = "the NHS integrated care board (ICB)",
        .legal_basis = "the National Health Service (Direct Payments) Regulations 2013",
        .complaints_procedure = "the NHS complaints procedure",
        .ombudsman = "the Parliamentary and Health Service Ombudsman (PHSO)",
        .complaints = COMPLAINTS_STREAMS,  /* the ICB's own: council.icb */
    },
};

bool child_is_adult_on(const pb_case *c, pb_date d)
{
    pb_date dob = c->child.date_of_birth;
    pb_date b18 = {dob.y + 18, dob.m, dob.d};
    if (!date_exists(b18.y, b18.m, b18.d))  /* born 29 February: 1 March in other years */
        b18 = (pb_date){b18.y, 3, 1};
    return date_cmp(d, b18) >= 0;
}

decision_route item_route(const pb_case *c, const pb_item *it, pb_date d)
{
    switch (it->stream) {
    case STREAM_EDUCATION: return ROUTE_EDUCATION;
    case STREAM_HEALTH: return ROUTE_HEALTH;
    default:
        return child_is_adult_on(c, d) ? ROUTE_ADULT_SOCIAL_CARE : ROUTE_CHILDREN_SOCIAL_CARE;
    }
}

stream_lists stream_lists_begin(mu_value *ctx)
{
    stream_lists sl = {0};
    sl.education = mu_map_set(ctx, "education_items", mu_list());
    sl.social_care = mu_map_set(ctx, "social_care_items", mu_list());
    sl.dropped = mu_list();
    return sl;
}

mu_value *stream_lists_row(stream_lists *sl, const doc_input *in, const pb_item *it, pb_date d)
{
    decision_route r = item_route(in->c, it, d);
    mu_value *list = r == ROUTE_EDUCATION ? sl->education
                   : r == ROUTE_HEALTH ? sl->dropped : sl->social_care;
    sl->n_education += r == ROUTE_EDUCATION;
    sl->n_social_care += r == ROUTE_CHILDREN_SOCIAL_CARE || r == ROUTE_ADULT_SOCIAL_CARE;
    mu_value *row = mu_list_push(list, mu_map());
    mu_map_set_str(row, "id", it->id);
    mu_map_set_str(row, "provision", it->provision);
    mu_map_set(row, "annual_amount", money_value_of(it->annual));
    return row;
}

static mu_value *route_value(decision_route r, const council *co, bool applies)
{
    const stream_route_info *s = &stream_routes[r];
    mu_value *m = mu_map();
    mu_map_set_str(m, "name", s->name);
    mu_map_set_str(m, "words", s->words);
    mu_map_set_str(m, "decision_maker", s->decision_maker);
    mu_map_set_str(m, "legal_basis", s->legal_basis);
    mu_map_set_str(m, "complaints_procedure", s->complaints_procedure);
    mu_map_set(m, "complaints", contact_value_of(&co->stream_complaints[s->complaints]));
    mu_map_set_str(m, "ombudsman", s->ombudsman);
    mu_map_set(m, "applies", mu_bool(applies));
    return m;
}

/* The council's personal budget policy sets notice for SEN decisions: a letter that decides no
 * education item does not cite it ("We are giving you ...", never "Our policy gives you ..."). */
static void policy_notice_for_education_only(mu_value *ctx, bool any_education)
{
    for (size_t i = 0; !any_education && i < ctx->u.map.len; i++)
        if (strcmp(ctx->u.map.keys[i], "policy") == 0) {
            mu_map_set(ctx->u.map.vals[i], "notice_from_policy", mu_bool(false));
            mu_map_set(ctx->u.map.vals[i], "notice_paragraph", mu_bool(false));
        }
}

void stream_lists_end(mu_value *ctx, stream_lists *sl, const doc_input *in, pb_date d)
{
    policy_notice_for_education_only(ctx, sl->n_education > 0);
    mu_free(sl->dropped);
    sl->dropped = NULL;
    mu_map_set(ctx, "has_education_items", mu_bool(sl->n_education > 0));
    mu_map_set(ctx, "has_social_care_items", mu_bool(sl->n_social_care > 0));
    /* A letter that names no item decides an education request. */
    bool edu = sl->n_education > 0 || sl->n_social_care == 0;
    mu_map_set(ctx, "education", route_value(ROUTE_EDUCATION, in->council, edu));
    bool adult = child_is_adult_on(in->c, d);
    mu_value *sc = mu_map_set(ctx, "social_care",
                              route_value(adult ? ROUTE_ADULT_SOCIAL_CARE
                                                : ROUTE_CHILDREN_SOCIAL_CARE,
                                          in->council, sl->n_social_care > 0));
    mu_map_set(sc, "is_children", mu_bool(!adult));
}
