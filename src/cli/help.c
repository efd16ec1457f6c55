/* help.c: every command's usage and options, in one table, so `pbdocs COMMAND --help` and
 * `pbdocs --help` (every option of every command) cannot drift apart; man/pbdocs.1 says the same
 * at length (tests/test_help.sh checks each option appears there too). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "case/kind.h"
#include "cli/commands.h"

typedef struct {
    const char *name;
    const char *synopsis;  /* after "pbdocs " */
    const char *options;   /* one option a line, indented two spaces */
} command_help;

static const command_help helps[] = {
    {"validate", "validate [--strict] [--format json] INPUT...",
     "  INPUT             a case, a <cases> stream or a folder of them: every case is checked\n"
     "                    against the schema and rules\n"
     "  --strict          a warning rejects the case too\n"
     "  --format json     problems as one JSON object a line on stdout\n"},
    {"render",
     "render CASE.xml... [--doc KIND]... [-o PATH] [--templates DIR] [--large-print]\n"
     "         [--strict]",
     "  --doc KIND        only this document (repeatable; default: every document the case asks for)\n"
     "  -o PATH           a FILE.pdf for one document, else a folder (default: .)\n"
     "  --templates DIR   templates (with councils/, partials/, calendar/ if it has them)\n"
     "  --large-print     the large-print layout\n"
     "  --strict          a warning rejects the case too\n"},
    {"batch",
     "batch INPUT... -o OUTDIR [--jobs N] [--resume] [--shard K/N] [--print-stream FILE.pdf]\n"
     "         [--print-volume SHEETS] [--templates DIR] [--quiet] [--strict]",
     "  -o OUTDIR              where letters, manifest.csv and run.json go (required)\n"
     "  -j, --jobs N           worker threads, 1 to 256\n"
     "  --resume               keep what a previous run of OUTDIR produced\n"
     "  --shard K/N            only the K-th of N shares of the cases\n"
     "  --print-stream FILE    one PDF of every letter for the print room\n"
     "  --print-volume SHEETS  sheets per print-stream volume\n"
     "  --templates DIR        templates to use\n"
     "  -q, --quiet            the summary line only\n"
     "  --strict               a warning rejects the case too\n"},
    {"lint", "lint [--templates DIR] [--names] [--format json] [FILE]",
     "  --templates DIR   the templates folder to check (default: the installed templates)\n"
     "  --names           list every field name the templates use\n"
     "  --format json     findings as one JSON object a line\n"
     "  FILE              only this template, partial or council profile\n"},
    {"fields", "fields [KIND] [--markdown]",
     "  KIND              only this kind's fields\n"
     "  --markdown        every kind, as templates/FIELDS.md\n"},
    {"preview",
     "preview TEMPLATE --case CASE.xml [--doc KIND] [--templates DIR] [-o FILE.pdf|FILE.md]\n"
     "         [--large-print] [--watch]",
     "  --case CASE.xml   the case to render the template with (required)\n"
     "  --doc KIND        the kind of document TEMPLATE is (default: from its name)\n"
     "  --templates DIR   partials and councils from DIR\n"
     "  -o FILE           the PDF, or the Markdown for FILE.md\n"
     "  --large-print     the large-print layout\n"
     "  --watch           render again whenever the template or a partial changes\n"},
    {"serve",
     "serve [--listen ADDR:PORT] [--templates DIR] [--tokens FILE] [--audit FILE] [--threads N]\n"
     "         [--max-in-flight N] [--per-ip N] [--timeout SECONDS]\n"
     "         [--tls-cert FILE --tls-key FILE] [--behind-proxy [--user-header NAME]\n"
     "         [--proxy-addr ADDR]] [--authoring [--cases DIR]]",
     "  --listen ADDR:PORT   where to listen\n"
     "  --templates DIR      templates to use\n"
     "  --tokens FILE        API tokens (pbdocs token add)\n"
     "  --audit FILE         append one line per request\n"
     "  --threads N          render threads, and as many reading requests (default: the cores)\n"
     "  --max-in-flight N    API requests at once before 429 (default 64)\n"
     "  --per-ip N           connections at once from one address (default 128)\n"
     "  --timeout SECONDS    idle time before a connection is closed (default 15)\n"
     "  --tls-cert FILE      certificate (with --tls-key) for HTTPS\n"
     "  --tls-key FILE       private key\n"
     "  --behind-proxy       trust a reverse proxy for the user name\n"
     "  --user-header NAME   the proxy's user header\n"
     "  --proxy-addr ADDR    the only address the proxy connects from\n"
     "  --authoring          enable the template-authoring endpoints\n"
     "  --cases DIR          authoring's sample cases (default: fixtures/cases)\n"},
    {"token", "token add NAME --tokens FILE",
     "  add NAME          prints a new token once; FILE keeps only NAME and its SHA-256\n"
     "  --tokens FILE     the tokens file\n"},
    {"new", "new KIND --council ID",
     "  KIND              the document the skeleton case asks for\n"
     "  --council ID      the council profile (templates/councils/ID.xml)\n"},
};

static const char intro[] =
    "pbdocs " PBDOCS_VERSION " - personal budget letters for SEND teams\n"
    "\n"
    "usage: pbdocs [--data DIR] COMMAND [OPTION]...\n";

static const char outro[] =
    "\n"
    "global options:\n"
    "  --data DIR        the data folder (templates, schema, fonts); also PBDOCS_DATA\n"
    "  -h, --help        this text; pbdocs COMMAND --help: that command's\n"
    "  --version         the version\n"
    "\n"
    "KIND is %s.\n"
    "exit status: 0 all produced, 1 case data rejected (lint, preview: template problems found),\n"
    "2 usage error, broken template or profile, or cannot run.\n";

static const command_help *find(const char *name)
{
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        if (strcmp(helps[i].name, name) == 0)
            return &helps[i];
    return NULL;
}

void print_usage(FILE *f)
{
    char kinds[128];
    fputs(intro, f);
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        fprintf(f, "\n  pbdocs %s\n%s", helps[i].synopsis, helps[i].options);
    fprintf(f, outro, doc_kind_words(kinds, sizeof kinds));
}

int usage_error(const char *command, const char *fmt, ...)
{
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(stderr, "pbdocs %s: ", command);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
        va_end(ap);
    }
    const command_help *h = find(command);
    if (h)
        fprintf(stderr, "usage: pbdocs %s\n(pbdocs %s --help says what each option does)\n",
                h->synopsis, command);
    return EXIT_USAGE;
}

int print_command_help(const char *command, FILE *f)
{
    const command_help *h = find(command);
    if (!h)
        return -1;
    char kinds[128];
    fprintf(f, "usage: pbdocs %s\n%s", h->synopsis, h->options);
    if (strstr(h->synopsis, "KIND"))
        fprintf(f, "KIND is %s.\n", doc_kind_words(kinds, sizeof kinds));
    return 0;
}
