# pbdocs: case XML -> case model -> template context -> Markdown -> cmark tree -> pages -> PDF.
# `make` builds ./pbdocs; `make demo` and `make test` first install what is missing (`make deps`).

CC       ?= cc
WARN     := -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
OPT      ?= -O2
PKGS     := libxml-2.0 libcmark-gfm libmicrohttpd nettle libdeflate
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lz -lm
CFLAGS_ALL = $(WARN) $(OPT) $(PKG_CFLAGS) -Isrc -MMD -MP
BUILD    ?= build/release
BIN      ?= pbdocs
PY       := /usr/bin/python3

# Every .c under src/ except the command line goes into one static library that tests link too.
LIB_SRC  := $(sort $(shell find src -name '*.c' ! -path 'src/cli/*'))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
# The officers' page (src/serve/assets/) is compiled in as generated C (src/serve/embed-assets).
ASSETS   := $(sort $(wildcard src/serve/assets/*.html src/serve/assets/*.css src/serve/assets/*.js))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/serve_assets.o $(BUILD)/gen/unicode_names.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
LIB      := $(BUILD)/libpbdocs.a
# Test-only dependency: cJSON reads the Mustache spec files.
TEST_LIBS := -lcjson

# Fonts: Liberation Sans subset once to the Latin ranges letters need (see src/fonts/fonts.h).
FONT_SRC := /usr/share/fonts/truetype/liberation2
FACES    := Regular Bold Italic BoldItalic
FONTS    := $(FACES:%=build/fonts/LiberationSans-%.ttf) $(FACES:%=build/fonts/LiberationSans-%-Ext.ttf)

SAN := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
TSAN := -O1 -g -fsanitize=thread

# What building and running pbdocs needs (`make deps`, used by `make demo`), and what the tests add
# (`make deps-test`, used by `make test`: sanitizers, PDF tools, a browser, node for its driver).
DEB_PKGS  := gcc make pkg-config libc6-dev libxml2-dev libhpdf-dev libcmark-gfm-dev \
             libcmark-gfm-extensions-dev fonts-liberation2 zlib1g-dev python3 python3-fonttools \
             libmicrohttpd-dev unicode-data nettle-dev libdeflate-dev
TEST_PKGS := poppler-utils qpdf libcjson-dev clang libclang-rt-14-dev valgrind curl chromium \
             nodejs mandoc man-db bsdextrautils time wrk openssl fonts-dejavu-core

.PHONY: all deps deps-test apt-install demo test check golden spec bench clean test-bins bench-bins fuzz fuzz-bins \
        fields install uninstall
all: $(BIN) $(FONTS)

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(OPT) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/gen/serve_assets.c: $(ASSETS) src/serve/embed-assets
	@mkdir -p $(dir $@)
	$(PY) src/serve/embed-assets $(ASSETS) >$@.tmp && mv $@.tmp $@
$(BUILD)/gen/serve_assets.o: $(BUILD)/gen/serve_assets.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The names of characters a refusal may name (src/fonts/unicode_name.h), from Debian's unicode-data.
UNICODE_DATA := /usr/share/unicode/UnicodeData.txt
$(BUILD)/gen/unicode_names.c: $(UNICODE_DATA) src/fonts/unicode-names
	@mkdir -p $(dir $@)
	$(PY) src/fonts/unicode-names $(UNICODE_DATA) >$@.tmp && mv $@.tmp $@
$(BUILD)/gen/unicode_names.o: $(BUILD)/gen/unicode_names.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(LIB) tests/check.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(LIB) $(PKG_LIBS) $(TEST_LIBS)

# Fuzz targets (tests/fuzz/fuzz_*.c): linked with libFuzzer by `make fuzz`, and with
# tests/fuzz/replay.c into BUILD/fuzz-replay/ so `make test` runs the seeds and every crash input
# found (tests/fuzz/regressions/) through them with any compiler.
FUZZ_SRC   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/%.c=%)
REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay/%)
$(BUILD)/fuzz-replay/%: $(BUILD)/tests/fuzz/%.o $(BUILD)/tests/fuzz/replay.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS)

test-bins: $(TEST_BIN) $(BUILD)/bench/gen_cases $(REPLAY_BIN)
.SECONDARY: $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/%.o) $(BUILD)/tests/fuzz/replay.o

# What template authors read instead of running `pbdocs fields`: written from the code's one field
# catalogue by `make fields` only, so `make` never rewrites a tracked file (tests/test_fields_cmd.sh
# fails when the committed copy is not current).
fields: $(BIN)
	$(dir $(BIN))$(notdir $(BIN)) fields --markdown >templates/FIELDS.md.tmp
	@if cmp -s templates/FIELDS.md.tmp templates/FIELDS.md; then rm -f templates/FIELDS.md.tmp; \
	else mv templates/FIELDS.md.tmp templates/FIELDS.md; fi

# `make install PREFIX=/usr/local DESTDIR=`: the binary, its data (templates with councils, partials
# and calendar; schema; subset fonts) in $(DATADIR), man pages. The installed binary is linked with
# a paths.o that has $(DATADIR) compiled in (src/core/paths.h); ./pbdocs keeps finding the checkout.
# The DATADIR a build used is kept in $(BUILD)/installed/datadir so a new PREFIX recompiles paths.o.
PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/pbdocs
MANDIR  ?= $(PREFIX)/share/man
INST    := $(BUILD)/installed
ifneq ($(filter install,$(MAKECMDGOALS)),)
$(shell mkdir -p $(INST); echo '$(DATADIR)' | cmp -s - $(INST)/datadir || echo '$(DATADIR)' >$(INST)/datadir)
endif
$(INST)/datadir:
	@mkdir -p $(dir $@); echo '$(DATADIR)' >$@
$(INST)/paths.o: src/core/paths.c $(INST)/datadir
	$(CC) $(CFLAGS_ALL) -DPBDOCS_DATADIR='"$(DATADIR)"' -c -o $@ $<
$(INST)/pbdocs: $(CLI_OBJ) $(INST)/paths.o $(LIB)
	$(CC) $(OPT) -o $@ $(CLI_OBJ) $(INST)/paths.o $(LIB) $(PKG_LIBS)

MAN_PAGES := man/pbdocs.1 man/pbdocs-case.5
install: $(INST)/pbdocs $(FONTS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/schema $(DESTDIR)$(DATADIR)/fonts \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(INST)/pbdocs $(DESTDIR)$(PREFIX)/bin/pbdocs
	rm -rf $(DESTDIR)$(DATADIR)/templates
	cp -R templates $(DESTDIR)$(DATADIR)/templates
	install -m 644 src/schema/case.rng src/schema/council.rng $(DESTDIR)$(DATADIR)/schema
	install -m 644 $(FONTS) $(DESTDIR)$(DATADIR)/fonts
	install -m 644 man/pbdocs.1 $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/pbdocs-case.5 $(DESTDIR)$(MANDIR)/man5

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/pbdocs $(DESTDIR)$(MANDIR)/man1/pbdocs.1 \
	  $(DESTDIR)$(MANDIR)/man5/pbdocs-case.5
	rm -rf $(DESTDIR)$(DATADIR)

# Benchmarks: every bench/bench_*.c, linked like the tests; bench/run lists what to run.
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(PKG_LIBS)

bench-bins: $(BENCH_BIN) $(BUILD)/bench/gen_cases

build/fonts/LiberationSans-%.ttf: $(FONT_SRC)/LiberationSans-%.ttf src/fonts/subset-fonts
	@mkdir -p $(dir $@)
	sh src/fonts/subset-fonts $(PY) $< $@

# The second subset: Greek, Cyrillic, Vietnamese and the rest of Latin (src/fonts/charset.c).
build/fonts/LiberationSans-%-Ext.ttf: $(FONT_SRC)/LiberationSans-%.ttf src/fonts/subset-fonts
	@mkdir -p $(dir $@)
	sh src/fonts/subset-fonts $(PY) $< $@ ext

# `make fuzz`: each target in turn for FUZZ_SECONDS (one process at a time, niced), clang's
# libFuzzer with ASan + UBSan, built in build/fuzz. Seeds come from tests/fuzz/corpus/<target>/;
# what the fuzzer learns goes to build/fuzz/corpus/<target>/, crash inputs to build/fuzz/crashes/
# (copy one to tests/fuzz/regressions/<target>/ once fixed). FUZZ_TARGETS picks some targets.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
            -fno-sanitize-recover=all
fuzz: deps-test $(FONTS)
	$(MAKE) CC=clang BUILD=build/fuzz OPT="$(FUZZ_OPT)" fuzz-bins
	@mkdir -p build/fuzz/crashes
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t; \
	  dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
	  echo "== $$t: $(FUZZ_SECONDS) s"; \
	  nice -n 10 build/fuzz/libfuzzer/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 $$dict \
	    -artifact_prefix=build/fuzz/crashes/$$t- build/fuzz/corpus/$$t tests/fuzz/corpus/$$t \
	    || exit 1; \
	done

fuzz-bins: $(FUZZ_NAMES:%=$(BUILD)/libfuzzer/%)
$(BUILD)/libfuzzer/%: $(BUILD)/tests/fuzz/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(OPT) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

deps:
	@$(MAKE) --no-print-directory apt-install PKGS_WANTED="$(DEB_PKGS)"

deps-test:
	@$(MAKE) --no-print-directory apt-install PKGS_WANTED="$(DEB_PKGS) $(TEST_PKGS)"
	@# npm: Debian's package, unless the nodejs installed already brings its own.
	@command -v npm >/dev/null || { sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm; }
	@# The browser tests' puppeteer-core and pdf.js (pdfjs-dist, test_pdfjs), pinned in
	@# package-lock.json; puppeteer never downloads a browser, and pdf.js's optional canvas (only
	@# for drawing pages) is left out, so nothing is compiled or fetched from elsewhere.
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --omit=optional --no-audit --no-fund; fi

# Installs, with apt-get (and sudo when not root), those of PKGS_WANTED that are missing.
apt-install:
	@missing=$$(for p in $(PKGS_WANTED); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "installing:" $$missing; \
	  $$sudo apt-get update -q && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

demo: deps
	$(MAKE) all
	sh tests/demo.sh

# The suite runs twice: the optimised build, then the same tests under ASan + UBSan (+ LSan).
# tests/test_batch.sh also runs a batch and the threaded template test under TSan.
test: deps-test
	$(MAKE) all test-bins
	$(MAKE) BUILD=build/san BIN=build/san/pbdocs OPT="$(SAN)" build/san/pbdocs test-bins
	$(MAKE) BUILD=build/tsan BIN=build/tsan/pbdocs OPT="$(TSAN)" build/tsan/pbdocs \
	  build/tsan/tests/test_mustache_errors
	sh tests/run build/release:./pbdocs build/san:build/san/pbdocs

check: test

# Rewrites tests/golden/ from what this build writes: for a change meant to alter output (review
# the diff and commit it with that change). tests/test_golden.sh compares against it in make test.
golden: all test-bins
	UPDATE_GOLDEN=1 sh tests/test_golden.sh

spec: deps-test
	$(MAKE) $(BUILD)/tests/test_mustache_spec
	$(BUILD)/tests/test_mustache_spec

bench: deps-test
	$(MAKE) all bench-bins
	BUILD=$(BUILD) sh bench/run

clean:
	rm -rf build $(BIN)

-include $(shell find build -name '*.d' 2>/dev/null)
