/* manifest.c: writing and reading manifest rows (see manifest.h). */
#include "batch/manifest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_field(strbuf *out, const char *s)
{
    if (!s)
        s = "";
    if (!strpbrk(s, ",\"\r\n")) {
        sb_puts(out, s);
        return;
    }
    sb_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            sb_putc(out, '"');
        sb_putc(out, *s);
    }
    sb_putc(out, '"');
}

void manifest_format_row(strbuf *out, const manifest_row *row)
{
    put_field(out, row->case_id);
    sb_putc(out, ',');
    put_field(out, row->kind);
    sb_puts(out, row->ok ? ",ok," : ",rejected,");
    if (row->ok) {
        sb_printf(out, "%d,%zu,", row->pages, row->bytes);
        put_field(out, row->sha256);
        sb_putc(out, ',');
        put_field(out, row->path);
        sb_putc(out, ',');
    } else {
        sb_puts(out, ",,,,");
    }
    strbuf warned = {0};
    if (row->ok && row->warnings)
        manifest_format_problems(&warned, row->warnings);
    put_field(out, row->ok ? sb_str(&warned) : row->message);
    sb_free(&warned);
    sb_putc(out, '\n');
}

void manifest_format_problems(strbuf *out, const diag_list *problems)
{
    char line[2048];
    for (size_t i = 0; i < problems->len; i++) {
        diag_format(&problems->items[i], line, sizeof line);
        for (char *p = line; *p; p++)
            if (*p == '\n' || *p == '\r')
                *p = ' ';
        size_t n = strlen(line);
        while (n && line[n - 1] == ' ')
            line[--n] = '\0';
        if (i)
            sb_puts(out, " | ");
        sb_puts(out, line);
    }
}

/* Splits one line (no line end) into fields in place, undoing RFC 4180 quoting.
 * Returns the number of fields, or -1 when a quoted field is not closed properly. */
static int split_fields(char *line, char **fields, int max)
{
    int n = 0;
    char *r = line, *w = line;
    for (;;) {
        if (n == max)
            return -1;
        fields[n++] = w;
        if (*r == '"') {
            r++;
            for (;;) {
                if (!*r)
                    return -1;
                if (*r == '"') {
                    if (r[1] == '"') {
                        *w++ = '"';
                        r += 2;
                        continue;
                    }
                    r++;
                    break;
                }
                *w++ = *r++;
            }
            if (*r && *r != ',')
                return -1;
        } else {
            while (*r && *r != ',')
                *w++ = *r++;
        }
        if (!*r) {
            *w = '\0';
            return n;
        }
        *w++ = '\0';
        r++;
    }
}

static bool parse_count(const char *s, long long *out)
{
    if (!*s)
        return false;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || v < 0)
        return false;
    *out = v;
    return true;
}

long manifest_read_lines(const char *path, int (*each)(char *line, size_t len, void *ud),
                         void *ud)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lines = 0;
    int stop = 0;
    while (!stop && (n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] != '\n')
            break;  /* torn last line of a killed run */
        if (strcmp(line, MANIFEST_HEADER) == 0)
            continue;
        stop = each(line, (size_t)n, ud);
        lines++;
    }
    int e = errno;
    free(line);
    fclose(f);
    errno = e;
    return stop ? -1 : lines;
}

typedef struct row_reader {
    void (*each)(const manifest_row *row, void *ud);
    void *ud;
    long rows;
} row_reader;

static int parse_row(char *line, size_t n, void *ud)
{
    row_reader *r = ud;
    line[--n] = '\0';
    if (n && line[n - 1] == '\r')
        line[--n] = '\0';
    char *fields[9];
    if (split_fields(line, fields, 9) != 8)
        return 0;
    manifest_row row = {.case_id = fields[0], .kind = fields[1], .sha256 = fields[5],
                        .path = fields[6], .message = fields[7]};
    if (strcmp(fields[2], "ok") == 0) {
        long long pages, bytes;
        if (!parse_count(fields[3], &pages) || !parse_count(fields[4], &bytes) ||
            strlen(fields[5]) != 64 || pages > 1000000)
            return 0;
        row.ok = true;
        row.pages = (int)pages;
        row.bytes = (size_t)bytes;
    } else if (strcmp(fields[2], "rejected") != 0) {
        return 0;  /* a line that is not a row */
    }
    r->each(&row, r->ud);
    r->rows++;
    return 0;
}

long manifest_read(const char *path, void (*each)(const manifest_row *row, void *ud), void *ud)
{
    row_reader r = {each, ud, 0};
    return manifest_read_lines(path, parse_row, &r) < 0 ? -1 : r.rows;
}
