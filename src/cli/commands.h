/* commands.h: one function per command; argv[0] is the command name. A command returns
 * EXIT_USAGE at once for a usage error in its arguments; every other exit status comes from the
 * classes of the problems it met, through exit_status_for() (core/diag.h). */
#ifndef PBDOCS_COMMANDS_H
#define PBDOCS_COMMANDS_H

#include "core/diag.h"  /* EXIT_OK, EXIT_REJECTED, EXIT_USAGE; exit_status() */

#define PBDOCS_VERSION "0.1.0"

int cmd_validate(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_fields(int argc, char **argv);
int cmd_preview(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_new(int argc, char **argv);

/* help.c: the whole usage (every command and option), and one command's; -1 for an unknown one. */
#include <stdio.h>
void print_usage(FILE *f);
int print_command_help(const char *command, FILE *f);

/* Prints a case's warnings on stderr as FILE:LINE: warning: case ID: field: message
 * (cmd_validate.c). They never change the exit status. */
struct pb_case;
void print_case_warnings(const struct pb_case *c);
#endif
