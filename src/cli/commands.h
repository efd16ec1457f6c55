/* commands.h: one function per command; argv[0] is the command name. */
#ifndef PBDOCS_COMMANDS_H
#define PBDOCS_COMMANDS_H

#define PBDOCS_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2 };

int cmd_validate(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_fields(int argc, char **argv);
int cmd_preview(int argc, char **argv);
int cmd_batch(int argc, char **argv);

/* Prints a case's warnings on stderr as FILE:LINE: warning: case ID: field: message
 * (cmd_validate.c). They never change the exit status. */
struct pb_case;
void print_case_warnings(const struct pb_case *c);
#endif
