/* print_stream.h: --print-stream FILE.pdf, every letter of the run in PDFs for the print room.
 *
 * The runner collects one entry per letter it produced (Section J documents are not letters and
 * are left out). What laying a letter out again needs (its Markdown and set-up, some KB) goes to
 * an unnamed spool file beside FILE.pdf as the letter is added; memory keeps only what sorting
 * needs (postcode, input order, kind, pages: about 100 bytes a letter). At the end the entries
 * are sorted by recipient postcode (then input order, then kind) and written in volumes of at
 * most --print-volume sheets (default 2,500, a box of paper), each a complete PDF laid out and
 * written on its own, so memory holds one volume at a time whatever the length of the run.
 * One volume is FILE.pdf; more are FILE-001.pdf, FILE-002.pdf, ... Each volume begins with a
 * cover sheet (the run's date, the letters of each kind in the volume and in the run, the run's
 * rejected count, the volume's sheets and pages), and each letter starts on an odd page: a blank
 * page follows any letter with an odd number of pages.
 *
 * The run's date on the covers is the day the run started (UTC), or SOURCE_DATE_EPOCH's when set
 * (reproducible outputs for tests). Entries are added by one thread at a time (the runner holds
 * its lock). */
#ifndef PBDOCS_PRINT_STREAM_H
#define PBDOCS_PRINT_STREAM_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "case/case.h"
#include "core/diag.h"
#include "docs/render.h"

#define PRINT_VOLUME_SHEETS 2500

typedef struct print_entry {
    char *postcode;  /* normalised, as in the case */
    char *name;      /* the letter's file name in OUTDIR */
    int pages;
    doc_kind kind;
    size_t seq;      /* input order */
    /* Until added to a list: what laying the letter out again needs. */
    char *markdown;  /* what the letter's template produced */
    pb_doc_setup setup;  /* its strings point into strings */
    char *strings;
    size_t strings_len;
    /* Once in a list: where that is in the spool. */
    off_t spool_at;
    size_t spool_len;
} print_entry;

/* Keeps what laying the letter out again needs (the Markdown and the set-up, copied). */
void print_entry_keep(print_entry *e, char *markdown, const doc_setup_copy *setup);
void print_entry_free(print_entry *e);

typedef struct print_list {
    print_entry *items;
    size_t len, cap;
    int spool_fd;    /* -1 until the first entry */
    off_t spool_len;
    char *spool_dir; /* where the spool file is made: FILE.pdf's folder */
} print_list;

/* An empty list whose spool will be made in the folder of path (FILE.pdf). */
void print_list_init(print_list *list, const char *path);
/* Moves the entry into the list: its Markdown and set-up to the spool, freed from memory.
 * Returns 0, or -1 with a problem (the spool cannot be written). */
int print_list_add(print_list *list, print_entry *e, diag_list *errs);
void print_list_sort(print_list *list);
void print_list_free(print_list *list);

/* Pages of the letters in one volume: a cover (padded to 2 pages) and each letter padded to an
 * even number of pages, so every letter starts on an odd page. */
size_t print_stream_pages(const print_list *list);
/* How many volumes of at most sheets sheets (a cover sheet each) the sorted letters take. */
size_t print_stream_volume_count(const print_list *list, int sheets);

/* What the covers say besides the volume's own letters. */
typedef struct print_run_facts {
    time_t started;       /* the run's date */
    size_t rejected;      /* rows rejected in the run */
    int volume_sheets;    /* at most this many sheets in a volume (0: PRINT_VOLUME_SHEETS) */
} print_run_facts;

/* The volume files written (their paths as given: FILE.pdf or FILE-NNN.pdf). */
typedef struct print_volumes {
    char **paths;
    size_t n;
} print_volumes;
void print_volumes_free(print_volumes *v);

/* Lays the sorted letters out again into volumes (typeset.h print streams) and writes each
 * (atomically, mode 0640) as soon as it is laid out. Returns 0, or -1 with a problem (the
 * volumes written before it stay listed in *out). */
int print_stream_write(const char *path, const print_list *list, const print_run_facts *facts,
                       const pb_fonts *fonts, print_volumes *out, diag_list *errs);
#endif
