/* main.c: the pbdocs command line. Parses the command and hands over to one cmd_* function per
 * command (src/cli/cmd_*.c); those are the only places, with the batch runner, that print. */
#include <stdio.h>
#include <string.h>

#include "case/kind.h"
#include "cli/commands.h"

static const char usage[] =
    "pbdocs " PBDOCS_VERSION " - personal budget letters for SEND teams\n"
    "\n"
    "usage:\n"
    "  pbdocs validate CASE.xml...\n"
    "  pbdocs render CASE.xml [--doc KIND]... [-o PATH] [--templates DIR] [--large-print]\n"
    "  pbdocs batch INPUT... -o OUTDIR [--jobs N] [--resume] [--shard K/N] [--print-stream FILE.pdf]\n"
    "  pbdocs lint [--templates DIR]\n"
    "  pbdocs fields [KIND]\n"
    "  pbdocs preview TEMPLATE --case CASE.xml [-o FILE.pdf] [--watch]\n"
    "  pbdocs serve [--listen ADDR:PORT] [--templates DIR] [--tokens FILE] [--audit FILE] ...\n"
    "  pbdocs token add NAME --tokens FILE\n"
    "  pbdocs --help | --version\n"
    "\n"
    "KIND is %s.\n"
    "exit status: 0 all produced, 1 case data rejected (lint, preview: template problems found),\n"
    "2 usage error, broken template or profile, or cannot run.\n";

static void print_usage(FILE *f)
{
    char kinds[128];
    fprintf(f, usage, doc_kind_words(kinds, sizeof kinds));
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("pbdocs %s\n", PBDOCS_VERSION);
        return EXIT_OK;
    }
    static const struct {
        const char *name;
        int (*run)(int argc, char **argv);
    } commands[] = {
        {"validate", cmd_validate},
        {"render", cmd_render},
        {"lint", cmd_lint},
        {"fields", cmd_fields},
        {"preview", cmd_preview},
        {"batch", cmd_batch},
        {"serve", cmd_serve},
        {"token", cmd_token},
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "pbdocs: unknown command '%s' (try pbdocs --help)\n", cmd);
    return EXIT_USAGE;
}
