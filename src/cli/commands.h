/* commands.h: one function per command; argv[0] is the command name. A command returns
 * EXIT_USAGE at once for a usage error in its arguments; every other exit status comes from the
 * classes of the problems it met, through exit_status_for() (core/diag.h). */
#ifndef PBDOCS_COMMANDS_H
#define PBDOCS_COMMANDS_H

#include <stdbool.h>

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
/* A usage error: "pbdocs COMMAND: message" (when fmt is not NULL) and the command's synopsis
 * from the same table, on stderr. Returns EXIT_USAGE. */
int usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* report.c: problems and warnings as text lines on stderr (the contract's form; a warning as
 * FILE:LINE: warning: case ID: field: message), or with --format json one object a line on
 * stdout. Warnings never change the exit status (unless --strict makes them problems). */
typedef enum { REPORT_TEXT, REPORT_JSON, REPORT_BAD } report_format;
/* True when arg is --format (value: json or text; anything else sets REPORT_BAD). */
bool report_format_arg(const char *arg, const char *value, report_format *f);
struct pb_case;
void report_problems(const diag_list *list, report_format f);
void report_warnings(const struct pb_case *c, report_format f);
void print_case_warnings(const struct pb_case *c);  /* report_warnings(c, REPORT_TEXT) */
/* --strict: moves a case's warnings into errs as problems (the case is then rejected); true
 * when it did (cmd_validate.c). */
bool strict_warnings(struct pb_case *c, bool strict, diag_list *errs);
#endif
