/* test_batch_units.c: the batch runner's small parts on their own: SHA-256 against the FIPS 180-4
 * / NIST example vectors, manifest rows (RFC 4180 quoting, reading back, a torn last line),
 * shard assignment (stable, no overlap, no gap), the resume index, the print-stream order. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/manifest.h"
#include "batch/print_stream.h"
#include "batch/resume.h"
#include "core/sha256.h"
#include "batch/shard.h"
#include "check.h"

static void test_sha256(void)
{
    char hex[65];
    pb_sha256_hex("", 0, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    pb_sha256_hex("abc", 3, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    pb_sha256_hex(two_blocks, strlen(two_blocks), hex);
    CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const char *long_msg = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                           "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    pb_sha256_hex(long_msg, strlen(long_msg), hex);
    CHECK_STR(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");

    /* One million 'a', fed in uneven pieces. */
    static char a[1000];
    memset(a, 'a', sizeof a);
    pb_sha256_ctx ctx;
    pb_sha256_init(&ctx);
    size_t left = 1000000, piece = 1;
    while (left) {
        size_t n = piece < left ? piece : left;
        pb_sha256_update(&ctx, a, n);
        left -= n;
        piece = piece * 7 % 997 + 1;
    }
    pb_sha256_final_hex(&ctx, hex);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

    /* Every length around the padding boundaries, split at every point, equals one call. */
    char msg[130];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (char)('A' + i % 23);
    int mismatches = 0;
    for (size_t len = 50; len <= 130; len++) {
        char whole[65];
        pb_sha256_hex(msg, len, whole);
        for (size_t cut = 0; cut <= len; cut += 13) {
            pb_sha256_init(&ctx);
            pb_sha256_update(&ctx, msg, cut);
            pb_sha256_update(&ctx, msg + cut, len - cut);
            pb_sha256_final_hex(&ctx, hex);
            mismatches += strcmp(hex, whole) != 0;
        }
    }
    CHECK(mismatches == 0, "incremental hashing differs from one-shot in %d cases", mismatches);
}

typedef struct collected {
    manifest_row rows[8];
    char *strings[8][5];
    int n;
} collected;

static void collect(const manifest_row *row, void *ud)
{
    collected *c = ud;
    if (c->n == 8)
        return;
    c->rows[c->n] = *row;
    const char *src[5] = {row->case_id, row->kind, row->sha256, row->path, row->message};
    for (int i = 0; i < 5; i++)
        c->strings[c->n][i] = strdup(src[i] ? src[i] : "");
    c->rows[c->n].case_id = c->strings[c->n][0];
    c->rows[c->n].kind = c->strings[c->n][1];
    c->rows[c->n].sha256 = c->strings[c->n][2];
    c->rows[c->n].path = c->strings[c->n][3];
    c->rows[c->n].message = c->strings[c->n][4];
    c->n++;
}

static void collected_free(collected *c)
{
    for (int i = 0; i < c->n; i++)
        for (int j = 0; j < 5; j++)
            free(c->strings[i][j]);
}

static const char sha_a[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

/* Appends each line to a strbuf; stops at a line starting with "this" when asked to. */
typedef struct line_copy {
    strbuf text;
    bool stop_at_garbage;
} line_copy;

static int copy_line(char *line, size_t len, void *ud)
{
    line_copy *c = ud;
    if (c->stop_at_garbage && strncmp(line, "this", 4) == 0)
        return 1;
    sb_append(&c->text, line, len);
    return 0;
}

static void test_manifest(const char *dir)
{
    strbuf sb = {0};
    manifest_row ok = {.case_id = "BNES-2026-0142", .kind = "reduction", .ok = true, .pages = 2,
                       .bytes = 31337, .sha256 = sha_a, .path = "BNES-2026-0142-reduction.pdf"};
    manifest_format_row(&sb, &ok);
    CHECK_STR(sb_str(&sb), "BNES-2026-0142,reduction,ok,2,31337,"
                           "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad,"
                           "BNES-2026-0142-reduction.pdf,\n");
    sb_reset(&sb);
    diag_list problems = {0};
    diag_add(&problems, "cases.xml", 74, 0, "X-1", "recipient/address/postcode",
             "is not a valid UK postcode");
    diag_add(&problems, "cases.xml", 80, 0, "X-1", "reduction/reason", "says \"hi\", twice\nhere");
    strbuf msg = {0};
    manifest_format_problems(&msg, &problems);
    CHECK_STR(sb_str(&msg), "cases.xml:74: case X-1: recipient/address/postcode: is not a valid "
                            "UK postcode | cases.xml:80: case X-1: reduction/reason: says \"hi\", "
                            "twice here");
    manifest_row bad = {.case_id = "X-1", .kind = "", .message = sb_str(&msg)};
    manifest_format_row(&sb, &bad);
    CHECK_STR(sb_str(&sb), "X-1,,rejected,,,,,\"cases.xml:74: case X-1: recipient/address/"
                           "postcode: is not a valid UK postcode | cases.xml:80: case X-1: "
                           "reduction/reason: says \"\"hi\"\", twice here\"\n");

    /* Reading back: header skipped, a garbage line skipped, the torn last line ignored. */
    char path[512];
    snprintf(path, sizeof path, "%s/manifest.csv", dir);
    strbuf file = {0};
    sb_puts(&file, MANIFEST_HEADER);
    manifest_format_row(&file, &ok);
    sb_puts(&file, "this is not a row\n");
    manifest_format_row(&file, &bad);
    sb_puts(&file, "Y-2,refusal,ok,1,100,ba78");  /* killed mid-write */
    FILE *f = fopen(path, "wb");
    fwrite(file.data, 1, file.len, f);
    fclose(f);
    collected got = {0};
    long n = manifest_read(path, collect, &got);
    CHECK(n == 2, "manifest_read found %ld rows, want 2", n);
    if (got.n == 2) {
        CHECK_STR(got.rows[0].case_id, "BNES-2026-0142");
        CHECK(got.rows[0].ok && got.rows[0].pages == 2 && got.rows[0].bytes == 31337,
              "ok row read back");
        CHECK_STR(got.rows[0].sha256, sha_a);
        CHECK_STR(got.rows[1].case_id, "X-1");
        CHECK(!got.rows[1].ok, "rejected row read back");
        CHECK_STR(got.rows[1].message, msg.data);
    }
    collected_free(&got);
    CHECK(manifest_read("/nonexistent/manifest.csv", collect, &got) == -1, "missing manifest");

    /* The line reader under it: every whole line after the header, as written. */
    line_copy lines = {0};
    CHECK(manifest_read_lines(path, copy_line, &lines) == 3, "three whole lines");
    size_t header = strlen(MANIFEST_HEADER), torn = strlen("Y-2,refusal,ok,1,100,ba78");
    CHECK(lines.text.len == file.len - header - torn &&
              memcmp(lines.text.data, file.data + header, lines.text.len) == 0,
          "lines passed as written");
    sb_free(&lines.text);
    lines.stop_at_garbage = true;
    CHECK(manifest_read_lines(path, copy_line, &lines) == -1, "a reader that stops");
    sb_free(&lines.text);
    sb_free(&file);
    sb_free(&msg);
    sb_free(&sb);
    diag_list_clear(&problems);
}

static void test_shard(void)
{
    shard_spec s;
    CHECK(shard_parse("1/1", &s) && s.k == 1 && s.n == 1, "1/1");
    CHECK(shard_parse("3/8", &s) && s.k == 3 && s.n == 8, "3/8");
    const char *bad[] = {"0/3", "4/3", "1/0", "a/3", "1/", "/3", "13", "1/3x", "-1/3", "1 /3", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(!shard_parse(bad[i], &s), "'%s' must be refused", bad[i]);
    /* FNV-1a 64 reference values: the assignment must be the same on every machine. */
    CHECK(fnv1a64("", 0) == 0xcbf29ce484222325u, "fnv1a64 of nothing");
    CHECK(fnv1a64("a", 1) == 0xaf63dc4c8601ec8cu, "fnv1a64 of 'a'");
    CHECK(fnv1a64("foobar", 6) == 0x85944171f73967e8u, "fnv1a64 of 'foobar'");
    CHECK(shard_of(NULL, 5) == 1, "a case without an id belongs to shard 1");
    /* Every id in exactly one of N shards, and the shards roughly even. */
    int per_shard[4] = {0}, errors = 0;
    for (int i = 0; i < 3000; i++) {
        char id[32];
        snprintf(id, sizeof id, "BNES-2026-%05d", i);
        int owners = 0;
        for (int k = 1; k <= 3; k++) {
            shard_spec spec = {k, 3};
            if (shard_holds(&spec, id)) {
                owners++;
                per_shard[k]++;
            }
        }
        errors += owners != 1;
    }
    CHECK(errors == 0, "%d ids not in exactly one shard", errors);
    for (int k = 1; k <= 3; k++)
        CHECK(per_shard[k] > 800 && per_shard[k] < 1200, "shard %d holds %d of 3000", k,
              per_shard[k]);
}

static void write_bytes(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    fputs(s, f);
    fclose(f);
}

static void test_resume(const char *dir)
{
    char path[512], hex[65];
    snprintf(path, sizeof path, "%s/A-1-refusal.pdf", dir);
    write_bytes(path, "abc");
    resume_index *ix = resume_index_new();
    resume_index_add(ix, "A-1", "refusal", sha_a, 3);
    resume_index_add(ix, "A-2", "refusal", sha_a, 1);
    resume_index_add(ix, "", "refusal", sha_a, 1);       /* no id: ignored */
    resume_index_add(ix, "A-3", "refusal", "nothex", 1); /* bad digest: ignored */
    for (int i = 0; i < 5000; i++) {                     /* forces the table to grow */
        char id[32];
        snprintf(id, sizeof id, "F-%d", i);
        resume_index_add(ix, id, "reduction", sha_a, 1);
    }
    CHECK(resume_index_count(ix) == 5002, "index holds %zu rows", resume_index_count(ix));
    int pages = 0;
    size_t bytes = 0;
    CHECK(resume_done(ix, dir, "A-1-refusal.pdf", "A-1", "refusal", &pages, &bytes, hex) &&
              pages == 3 && bytes == 3 && strcmp(hex, sha_a) == 0,
          "a finished document is found done");
    CHECK(!resume_done(ix, dir, "A-1-reduction.pdf", "A-1", "reduction", &pages, &bytes, hex),
          "a document without a row is not done");
    CHECK(!resume_done(ix, dir, "A-2-refusal.pdf", "A-2", "refusal", &pages, &bytes, hex),
          "a row without its file is not done");
    write_bytes(path, "abd");
    CHECK(!resume_done(ix, dir, "A-1-refusal.pdf", "A-1", "refusal", &pages, &bytes, hex),
          "a file that differs from its row is not done");
    resume_index_free(ix);

    /* resume_prepare: the old manifest is moved aside; a second (killed) resume keeps both. */
    char manifest[512], prev[512];
    snprintf(manifest, sizeof manifest, "%s/%s", dir, MANIFEST_NAME);
    snprintf(prev, sizeof prev, "%s/%s", dir, RESUME_PREV_NAME);
    unlink(prev);
    strbuf sb = {0};
    sb_puts(&sb, MANIFEST_HEADER);
    manifest_row r1 = {.case_id = "B-1", .kind = "refusal", .ok = true, .pages = 1, .bytes = 3,
                       .sha256 = sha_a, .path = "B-1-refusal.pdf"};
    manifest_format_row(&sb, &r1);
    sb_puts(&sb, "B-9,refusal,ok,1");  /* torn */
    write_bytes(manifest, sb_str(&sb));
    diag_list errs = {0};
    ix = resume_index_new();
    CHECK(resume_prepare(dir, ix, &errs) == 0 && resume_index_count(ix) == 1,
          "first resume: one row known");
    struct stat st;
    CHECK(stat(manifest, &st) != 0 && stat(prev, &st) == 0, "manifest moved aside");
    resume_index_free(ix);
    sb_reset(&sb);
    sb_puts(&sb, MANIFEST_HEADER);
    r1.case_id = "B-2";
    manifest_format_row(&sb, &r1);
    write_bytes(manifest, sb_str(&sb));
    ix = resume_index_new();
    CHECK(resume_prepare(dir, ix, &errs) == 0 && resume_index_count(ix) == 2,
          "resuming a killed resume knows the rows of both runs (%zu)", resume_index_count(ix));
    resume_index_free(ix);
    resume_finish(dir);
    CHECK(stat(prev, &st) != 0, "old rows deleted at the end");
    CHECK(errs.len == 0, "no problems");
    diag_list_clear(&errs);
    sb_free(&sb);
}

static void add_entry(print_list *list, const char *postcode, const char *name, int pages,
                      doc_kind kind, size_t seq)
{
    print_entry e = {.postcode = strdup(postcode), .name = strdup(name), .pages = pages,
                     .kind = kind, .seq = seq, .markdown = strdup("# A letter\n")};
    diag_list errs = {0};
    CHECK(print_list_add(list, &e, &errs) == 0 && errs.len == 0, "entry %s spooled", name);
    diag_list_clear(&errs);
}

static void test_print_order(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/print.pdf", dir);
    print_list list;
    print_list_init(&list, path);
    add_entry(&list, "BA2 4JT", "C-refusal.pdf", 1, DOC_REFUSAL, 2);
    add_entry(&list, "B27 6AW", "B-repayment.pdf", 2, DOC_REPAYMENT, 1);
    add_entry(&list, "BA2 4JT", "A-reduction.pdf", 3, DOC_REDUCTION, 0);
    add_entry(&list, "B27 6AW", "B-refusal.pdf", 1, DOC_REFUSAL, 1);
    print_list_sort(&list);
    CHECK_STR(list.items[0].name, "B-refusal.pdf");
    CHECK_STR(list.items[1].name, "B-repayment.pdf");
    CHECK_STR(list.items[2].name, "A-reduction.pdf");
    CHECK_STR(list.items[3].name, "C-refusal.pdf");
    CHECK(list.items[0].markdown == NULL && list.items[0].spool_len > 0,
          "an entry in the list keeps its Markdown in the spool, not in memory");
    /* cover 2 + (1+1) + 2 + (3+1) + (1+1) */
    CHECK(print_stream_pages(&list) == 12, "stream pages %zu", print_stream_pages(&list));
    /* sheets: cover 1, letters 1, 1, 2, 1: one volume of 6; 3 sheets a volume: 1+1+1 | 1+2 | 1+1 */
    CHECK(print_stream_volume_count(&list, 6) == 1, "6 sheets: one volume");
    CHECK(print_stream_volume_count(&list, 3) == 3, "3 sheets: %zu volumes, want 3",
          print_stream_volume_count(&list, 3));
    CHECK(print_stream_volume_count(&list, 2) == 4, "2 sheets: one letter a volume");
    print_list_free(&list);
}

int main(void)
{
    char dir[] = "/tmp/pbdocs-batch-units-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    test_sha256();
    test_manifest(dir);
    test_shard();
    test_resume(dir);
    test_print_order(dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done("test_batch_units");
}
