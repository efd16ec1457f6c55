/* stream_cut.h: cutting a <cases> stream into cases without parsing it.
 *
 * A stream is one XML document, and one byte that is not well-formed (a control character
 * pasted into a reason, a misspelt end tag) stops any XML parser for the rest of the document:
 * every later case of the night would be lost. So the stream is not parsed as a whole. This
 * tolerant scanner finds the top-level <case ...> ... </case> boundaries byte by byte (UTF-8
 * or any ASCII-compatible encoding), skipping comments, CDATA sections, processing
 * instructions and quoted attribute values, and hands each case's bytes, with its line, to the
 * strict single-case loader (load.h), which rejects a case that is not well-formed on its own.
 *
 * The file is read in chunks of 64 KiB; only the case being cut is held (at most
 * XML_MAX_CASE_BYTES: a larger one is scanned to its end and reported, its bytes dropped), so
 * memory does not grow with the file or the number of cases.
 *
 * Boundaries, and how a broken case is cut out:
 *   - "<case" followed by a space, ">" or "/" starts a case ("<cases>", "<case-id>" do not);
 *     "</case" followed by a space or ">" ends it. Inside a case, the next "<case" start or
 *     "</cases>" before its "</case>" means the case is not closed: it is cut there (UNCLOSED)
 *     and the scan goes on from that start.
 *   - "<" inside a quoted attribute value is never well-formed; the scanner takes it as the end
 *     of a broken tag (an unclosed quote then costs one case, not the rest of the file).
 *   - An element under <cases> that is not a case is skipped with its content (a "<case" start
 *     inside it is still found), and reported.
 * Lines count "\n", "\r\n" and a lone "\r" as one line each, as libxml2 does, so a case's line
 * offset added to the loader's lines gives the line in the stream file exactly.
 *
 * Not thread-safe: one cutter per thread. */
#ifndef PBDOCS_STREAM_CUT_H
#define PBDOCS_STREAM_CUT_H
#include <stdbool.h>
#include <stddef.h>

typedef struct stream_cut stream_cut;

typedef enum cut_kind {
    CUT_CASE,       /* a <case> element closed by its </case>: text */
    CUT_UNCLOSED,   /* a <case> without </case>, up to what ended it (ended_by, end_line): text */
    CUT_TOO_BIG,    /* a case over XML_MAX_CASE_BYTES: its bytes were dropped */
    CUT_NOT_CASE,   /* an element under <cases> that is not <case> (name), skipped */
    CUT_STRAY_END,  /* an end tag under <cases> without its start tag (name) */
    CUT_NO_END,     /* the file ends before </cases> (cut short?) */
    CUT_AFTER_END,  /* elements after </cases> (end_line: the line of </cases>) */
} cut_kind;

typedef enum cut_end { END_NEXT_CASE, END_ROOT, END_FILE } cut_end;

typedef struct cut_piece {
    cut_kind kind;
    int line;         /* where it starts in the file */
    char *text;       /* CUT_CASE, CUT_UNCLOSED: its bytes (malloc'd, the caller's), NUL-ended */
    size_t len;
    char *id;         /* the id attribute of a case's start tag when it is a valid case id */
    char name[64];    /* CUT_NOT_CASE, CUT_STRAY_END: the element's name (cut at 63 bytes) */
    cut_end ended_by; /* CUT_UNCLOSED */
    int end_line;     /* CUT_UNCLOSED: the line of what ended it; CUT_AFTER_END: of </cases> */
} cut_piece;

/* Opens path when its root element is <cases> (after an optional BOM, XML declaration,
 * comments and processing instructions); NULL otherwise, or when it cannot be read. */
stream_cut *stream_cut_open(const char *path);
/* The next piece: 1 with *p set (free p->text and p->id), 0 at the end of the file, -1 when
 * the file cannot be read on (errno says why). */
int stream_cut_next(stream_cut *s, cut_piece *p);
void stream_cut_close(stream_cut *s);
#endif
