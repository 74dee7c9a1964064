# entigraph - text in, knowledge graph out.
#   make run      install missing packages, build, graph the sample corpus into out/
#   make test     build and run every test; ends with "N passed, N failed"
#   make sanitize the same tests under AddressSanitizer + UBSan (clang)
#   make valgrind the end-to-end tests with entigraph under valgrind memcheck
#   make fuzz     run every libFuzzer harness for FUZZ_SECONDS each (clang)
#   make bench    speed and memory figures on 100 MB of text (prints, never fails on speed)
#   make accuracy precision and recall of the tagger on annotated news (prints)

SHELL    := /bin/bash
CC       ?= cc
PREFIX   ?= /usr/local
BUILD    ?= build
PKGS      = igraph libcgraph libgvc yaml-0.1 libutf8proc libxml-2.0 nettle
DEB_PKGS  = gcc make pkg-config libigraph-dev libgraphviz-dev graphviz libyaml-dev \
            libutf8proc-dev libxml2-dev libcmocka-dev libxml2-utils yq jq wamerican python3 parallel \
            iso-codes groff-base file nettle-dev strace util-linux \
            python3-networkx python3-igraph

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Werror
ALL_CFLAGS = -std=c11 -pthread -D_GNU_SOURCE -DEG_DATADIR='"$(PREFIX)/share/entigraph"' \
             $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Isrc
# the build id keys the compiled-gazetteer cache (src/util/image.h)
LDLIBS    = $(PKG_LIBS) -lm -pthread -Wl,--build-id

LIB_SRC = src/util/error.c src/util/buf.c src/util/hmap.c src/util/image.c src/util/atomic.c src/util/fs.c src/util/yamlw.c \
          src/corpus.c src/jsonl.c src/text.c src/gazetteer.c src/matcher.c src/resolve.c \
          src/discover.c src/registry.c src/tagger.c src/pipeline.c src/boilerplate.c src/gazindex.c src/cooccur.c src/graph.c src/betweenness.c src/outset.c \
          src/export_dot.c src/export_graphml.c src/export_yaml.c src/export_mentions.c \
          src/suggest.c src/export_suggest.c src/counts.c src/words.c src/measures.c src/dates.c src/export_gexf.c src/render.c src/summary.c \
          src/export_csv.c
CLI_SRC = src/main.c src/cli_common.c src/cli_build.c src/cli_tag.c src/cli_gazetteer.c src/cli_suggest.c \
          src/cli_count.c src/cli_merge.c src/cli_show.c
UNIT_SRC = $(wildcard tests/unit/test_*.c)

LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

FUZZ_SECONDS ?= 60
# every tests/fuzz/fuzz_NAME.c, with its NAME.dict and seeds in corpus/NAME
FUZZERS   = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SAN  = -fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: all deps run test unit e2e sanitize valgrind bench fuzz fuzz-build install clean accuracy
all: $(BUILD)/entigraph

# Installs missing Debian packages when root; otherwise prints the command.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "missing packages; run: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi

$(BUILD)/%.o: %.c src/*.h src/util/*.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libentigraph.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/entigraph: $(CLI_OBJ) $(BUILD)/libentigraph.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libentigraph.a $(LDLIBS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libentigraph.a tests/unit/*.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-unused-parameter -DSRCDIR='"$(CURDIR)"' -Itests/unit -o $@ $< $(BUILD)/libentigraph.a \
	  $(CMOCKA_LIBS) $(LDLIBS) $(LDFLAGS)

run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/entigraph build --render svg -o out tests/corpus

test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@BUILD=$(BUILD) tests/run.sh

sanitize:
	@$(MAKE) --no-print-directory test BUILD=build-san CC=clang \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

bench: deps
	@command -v npm >/dev/null || apt-get install -y -qq npm >/dev/null
	@test -x /usr/bin/time || apt-get install -y -qq time >/dev/null
	@/usr/bin/python3 -c 'import ahocorasick' 2>/dev/null || apt-get install -y -qq python3-ahocorasick >/dev/null
	@$(MAKE) --no-print-directory all
	@tests/bench/bench.sh

# Prints per-type precision and recall: the sample articles, the project's
# annotated news (tests/news), and ../shared/news-dev when it is there.
NEWS_DEV ?= ../shared/news-dev
accuracy: deps
	@$(MAKE) --no-print-directory all
	@echo "== sample articles (tests/annotations), mention level"
	@bash tests/e2e/accuracy.sh $(BUILD)/entigraph tests/corpus tests/annotations
	@echo "== annotated news of the project (tests/news), entity level"
	@yq . tests/news/gold.yaml > $(BUILD)/news-gold.json && \
	  python3 tests/e2e/score_news.py $(BUILD)/entigraph $(BUILD)/news-gold.json tests/news/texts/*.txt | \
	  grep -v '^# miss\|^# false'
	@if [ -f $(NEWS_DEV)/score.py ]; then \
	  echo "== $(NEWS_DEV), entity level"; \
	  python3 -c 'import yaml' 2>/dev/null || apt-get install -y -qq python3-yaml >/dev/null; \
	  python3 $(NEWS_DEV)/score.py . $(NEWS_DEV)/texts/*.txt --by-type; \
	else echo "== $(NEWS_DEV): not here, skipped"; fi

# The 100 MB single-line case is left out (EG_QUICK): under memcheck it
# takes many minutes and exercises nothing the small cases do not.
valgrind: deps
	@command -v valgrind >/dev/null || apt-get install -y -qq valgrind >/dev/null
	@$(MAKE) --no-print-directory all
	@rm -rf build/valgrind-logs && mkdir -p build/valgrind-logs
	@fail=0; for t in tests/e2e/test_*.sh; do \
	  echo "# $$t"; \
	  EG_QUICK=1 VALGRIND_LOG=$(CURDIR)/build/valgrind-logs/vg ENTIGRAPH=$(CURDIR)/tests/valgrind-entigraph \
	    bash $$t > build/valgrind-logs/$$(basename $$t).tap 2>&1 || fail=1; \
	  grep '^not ok' build/valgrind-logs/$$(basename $$t).tap; \
	done; \
	errs=$$(cat build/valgrind-logs/vg.* 2>/dev/null | grep -c '^==[0-9]*== [A-Z]'); \
	echo "valgrind: $$(ls build/valgrind-logs/vg.* | wc -l) runs, $$errs report lines"; \
	cat build/valgrind-logs/vg.* 2>/dev/null | head -50; \
	test $$fail = 0 && test $$errs = 0

# Library objects are instrumented for coverage; the harnesses bring main.
fuzz-build:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	  CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	  $(FUZZERS:%=build-fuzz/fuzz_%)

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c build-fuzz/libentigraph.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -DSRCDIR='"$(CURDIR)"' -o $@ $< \
	  build-fuzz/libentigraph.a $(LDLIBS) $(LDFLAGS)

# New inputs go to build-fuzz/corpus/NAME; the committed seeds stay as
# they are. A crash leaves build-fuzz/crash-NAME-* and fails the target.
fuzz: fuzz-build
	@for f in $(FUZZERS); do \
	  mkdir -p build-fuzz/corpus/$$f; \
	  echo "fuzz_$$f: $(FUZZ_SECONDS) s"; \
	  build-fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/$$f.dict \
	    -artifact_prefix=build-fuzz/crash-$$f- -print_final_stats=1 \
	    build-fuzz/corpus/$$f tests/fuzz/corpus/$$f 2>&1 | \
	    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss|==[0-9]+==|SUMMARY|.*Test unit written)' ; \
	  test $${PIPESTATUS[0]} = 0 || exit 1; \
	done

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/entigraph/gazetteers/names \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/entigraph $(DESTDIR)$(PREFIX)/bin/entigraph
	install -m 644 gazetteers/*.yaml $(DESTDIR)$(PREFIX)/share/entigraph/gazetteers/
	install -m 644 gazetteers/names/given.txt $(DESTDIR)$(PREFIX)/share/entigraph/gazetteers/names/
	install -m 644 docs/entigraph.1 $(DESTDIR)$(PREFIX)/share/man/man1/entigraph.1

clean:
	rm -rf build build-san build-fuzz
