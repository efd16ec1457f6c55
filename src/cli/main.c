/* main.c: the pbdocs command line. Parses the command and hands over to one cmd_* function per
 * command (src/cli/cmd_*.c); those are the only places, with the batch runner, that print. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "core/paths.h"

/* Takes the global --data DIR (or --data=DIR) out of argv, before the command. */
static int take_data_option(int *argc, char **argv)
{
    while (*argc > 1 && strncmp(argv[1], "--data", 6) == 0) {
        int used = 1;
        if (argv[1][6] == '=')
            pb_set_data_dir(argv[1] + 7);
        else if (argv[1][6] == '\0' && *argc > 2)
            pb_set_data_dir(argv[2]), used = 2;
        else
            return -1;
        *argc -= used;
        memmove(argv + 1, argv + 1 + used, (size_t)(*argc) * sizeof *argv);
    }
    return 0;
}

/* True when a command's arguments ask for help (before any "--"). */
static int wants_help(int argc, char **argv)
{
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (take_data_option(&argc, argv) != 0) {
        fputs("pbdocs: --data needs a folder\n", stderr);
        return EXIT_USAGE;
    }
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        if (argc > 2 && print_command_help(argv[2], stdout) == 0)
            return EXIT_OK;
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
        {"new", cmd_new},
    };
    if (wants_help(argc, argv) && print_command_help(cmd, stdout) == 0)
        return EXIT_OK;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "pbdocs: unknown command '%s' (try pbdocs --help)\n", cmd);
    return EXIT_USAGE;
}
