/* cmd_validate.c: pbdocs validate CASE.xml... */
#include <stdio.h>

#include "cli/commands.h"

int cmd_validate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("pbdocs validate: not built yet\n", stderr);
    return EXIT_USAGE;
}
