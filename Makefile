# workersd - see README.md.  `make` builds, `make check` tests, `make demo`
# runs the main job, `make bench` measures.  SANITIZE=1 builds with ASan and
# UBSan into a separate tree.

VERSION    := 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
SBINDIR    ?= $(PREFIX)/sbin
LIBDIR     ?= $(PREFIX)/lib
LIBEXECDIR ?= $(PREFIX)/libexec
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share
DESTDIR    ?=

CC       ?= cc
SANITIZE ?= 0
ifeq ($(SANITIZE),1)
BUILD    ?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD    ?= build
SANFLAGS :=
endif

PKGS     := libevent duktape msgpack jansson libutf8proc libcrypto libpcre2-16
# ICU's headers only: worker-host maps libicuuc on first use (rt_icu.h).
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) icu-uc 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# What worker-host links.  Mapped when needed instead, by the sonames read
# here or by their headers: fetch's TLS, libevent_openssl and the libssl it
# brings, by the first https: request (worker-host/tlslib.h); zlib by the first
# stream (mod_zlib.c); ICU by its first use (rt_icu.h); libseccomp while the
# filters are built (confine.c).
HOST_LIBS  := $(shell pkg-config --libs libevent duktape msgpack libutf8proc libpcre2-16 libcrypto 2>/dev/null)
soname = $(shell objdump -p $$(pkg-config --variable=libdir $(1) 2>/dev/null)/$(2).so 2>/dev/null | awk '/SONAME/ { print $$2 }')
EVSSL_LIB   := $(call soname,libevent_openssl,libevent_openssl)
SECCOMP_LIB := $(call soname,libseccomp,libseccomp)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)

# The lowering's compiler: TypeScript from the npm registry, pinned, installed
# by `make deps` outside the repository and lowered once to ES5 for Duktape
# (worker-host/tsc-es5.js; docs/worker-api.md, "Languages").
TSC_VERSION := 5.9.3
TSC_DIR     ?= /usr/local/lib/workersd/typescript-$(TSC_VERSION)
TSC_JS      := $(TSC_DIR)/typescript.es5.js

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ALL_CFLAGS := -std=c11 $(WARN) $(CFLAGS) $(SANFLAGS) -D_GNU_SOURCE -MMD -MP \
	-DWORKERSD_VERSION='"$(VERSION)"' -DWORKERSD_LIBEXECDIR='"$(LIBEXECDIR)/workersd"' \
	-DWORKERSD_TSC='"$(TSC_JS)"' -DWORKERSD_EVSSL_LIB='"$(EVSSL_LIB)"' \
	-DWORKERSD_SECCOMP_LIB='"$(SECCOMP_LIB)"' -Iprotocol $(PKG_CFLAGS)
ALL_LDFLAGS := $(SANFLAGS) $(LDFLAGS)

# Debian's builds of popular npm packages: fixtures of tests/npm/*.js.
NODE_FIXTURE_PKGS := node-js-yaml node-semver node-marked node-markdown-it \
	node-lodash node-minimist node-ms node-qs node-escape-html node-diff node-ajv node-he \
	node-mustache node-moment node-immutable node-big.js node-sprintf-js node-acorn \
	node-punycode node-esprima node-underscore node-fast-deep-equal \
	node-hash-base node-sha.js node-md5.js node-ripemd160 node-create-hash node-create-hmac \
	node-hash.js node-uuid node-cookie-signature node-aws4 node-tweetnacl node-bcrypt-pbkdf \
	node-yaml node-htmlparser2 node-parse5 node-entities node-cheerio \
	node-debug node-chalk node-supports-color node-picocolors node-yargs node-yargs-parser \
	node-graceful-fs node-globby node-axios node-follow-redirects node-form-data node-commander
# The fixtures Debian does not package: from the npm registry, pinned by
# version and by the tarball's integrity hash, unpacked by `make deps`
# into NPM_FIXTURES/node_modules (tests/npm links its node_modules there).
NPM_FIXTURES ?= /usr/local/lib/workersd/npm-fixtures
NPM_FIXTURE_PINS := bcryptjs@3.0.3=sha512-GlF5wPWnSa/X5LKM1o0wz0suXIINz1iHRLvTS+sLyi7XPbe5ycmYI3DlZqVGZZtDgl4DmasFg7gOB3JYbphV5g==
DEB_PKGS := gcc make libc6-dev pkg-config valgrind libevent-dev duktape-dev libmsgpack-dev check \
	libjansson-dev libutf8proc-dev libpcre2-dev libseccomp-dev nodejs node-punycode node-readable-stream python3 \
	python3-msgpack python3-yaml zlib1g-dev libssl-dev openssl ca-certificates libicu-dev xz-utils curl \
	$(NODE_FIXTURE_PKGS)

PROTO_DUK_SRC  := protocol/clone_duk.c
PROTO_CORE_SRC := $(filter-out $(PROTO_DUK_SRC),$(wildcard protocol/*.c))
# The template link is between the daemon and its hosts only.
PROTO_CLIENT_SRC := $(filter-out protocol/tmpl.c,$(PROTO_CORE_SRC))
DAEMON_SRC     := $(wildcard daemon/*.c)
DAEMON_CORE_SRC := $(filter-out daemon/main.c,$(DAEMON_SRC))
HOST_SRC       := $(filter-out worker-host/rt_%.c,$(wildcard worker-host/*.c))
HOST_RT_SRC    := $(wildcard worker-host/rt_*.c)
# the host without its main(): what in-process rigs (fuzzers, hostmsg) link
HOST_CORE_SRC  := $(filter-out worker-host/main.c,$(HOST_SRC))
HOST_JS        := $(wildcard worker-host/js/*.js)
HOST_JS_H      := $(patsubst worker-host/js/%.js,$(BUILD)/gen/js_%.h,$(HOST_JS))
CLIENT_LIB_SRC := $(wildcard client/lib/*.c)
CTL_SRC        := $(wildcard client/ctl/*.c)
TESTLIB_SRC    := $(wildcard tests/lib/*.c)
TEST_SRC       := $(wildcard tests/unit/test_*.c tests/host/test_*.c tests/e2e/test_*.c)
# Unit tests of the daemon's modules, linked against the daemon's objects.
DTEST_SRC      := $(wildcard tests/daemon/test_*.c)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))

PROTO_LIB   := $(BUILD)/libworkerproto.a
PROTO_DUK   := $(BUILD)/libworkerproto-duk.a
HOST_RT     := $(BUILD)/libhostrt.a
CLIENT_LIB  := $(BUILD)/libworkerclient.a
TEST_LIB    := $(BUILD)/libtesthelp.a
DAEMON_BIN  := $(BUILD)/workersd
HOST_BIN    := $(BUILD)/worker-host
CTL_BIN     := $(BUILD)/workerctl
DAEMON_LIB  := $(BUILD)/libworkersd.a
# The fuzz targets (tests/fuzz, `make fuzz`); make check replays their
# kept inputs through each built without libFuzzer.
FUZZ_TARGETS := proto clone_json clone_duk host_frames compile_req client_reply
FUZZ_REPLAY := $(patsubst %,$(BUILD)/tests/fuzz/replay_%,$(FUZZ_TARGETS))
TEST_BINS   := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC) $(DTEST_SRC)) $(FUZZ_REPLAY)

BINARIES := $(PROTO_LIB) $(PROTO_DUK) $(CLIENT_LIB) $(DAEMON_BIN) $(HOST_BIN) $(CTL_BIN) \
	$(BUILD)/workerclient.pc

.PHONY: all build check demo bench soak install uninstall clean deps tsc npm-fixtures check-build fuzz test262 wpt compat-node FORCE

all: deps
	@$(MAKE) --no-print-directory build

build: $(BINARIES)

# Installs missing Debian packages when root; otherwise prints the command.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "deps: installing$$missing"; \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing || exit 1; \
		else \
			echo "deps: missing packages; run: sudo apt-get install -y$$missing" >&2; exit 1; \
		fi; \
	fi
	@$(MAKE) --no-print-directory tsc npm-fixtures

# The pinned TypeScript, lowered to ES5 once; nothing to do when it is there.
tsc: $(TSC_JS)
$(TSC_JS): worker-host/tsc-es5.js
	@if [ "$$(id -u)" != 0 ] && ! [ -w "$$(dirname $(TSC_DIR))" ]; then \
		echo "deps: TypeScript $(TSC_VERSION) is missing; run: sudo make deps" >&2; exit 1; fi
	@command -v npm >/dev/null || { echo "deps: installing npm"; apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; } || exit 1
	@echo "deps: installing typescript@$(TSC_VERSION) into $(TSC_DIR)"
	@mkdir -p $(TSC_DIR)
	npm install --prefix $(TSC_DIR) --no-save --no-audit --no-fund --no-package-lock --silent typescript@$(TSC_VERSION)
	node --max-old-space-size=4096 worker-host/tsc-es5.js $(TSC_DIR)/node_modules/typescript $@

# Each pinned npm fixture whose directory is missing: packed from the
# registry, its sha512 checked against the pin, then unpacked.
npm-fixtures:
	@for pin in $(NPM_FIXTURE_PINS); do \
		spec=$${pin%%=*} want=$${pin#*=} name=$${spec%@*}; \
		dir=$(NPM_FIXTURES)/node_modules/$$name; \
		[ "$$(node -p "require('$$dir/package.json').version" 2>/dev/null)" = "$${spec##*@}" ] && continue; \
		if [ "$$(id -u)" != 0 ] && ! [ -w "$$(dirname $(NPM_FIXTURES))" ]; then \
			echo "deps: npm fixture $$spec is missing; run: sudo make deps" >&2; exit 1; fi; \
		command -v npm >/dev/null || { echo "deps: installing npm"; apt-get update -q && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; } || exit 1; \
		echo "deps: installing npm fixture $$spec into $(NPM_FIXTURES)"; \
		tmp=$$(mktemp -d) && tgz=$$(cd $$tmp && npm pack --silent $$spec) || exit 1; \
		got=sha512-$$(openssl dgst -sha512 -binary $$tmp/$$tgz | base64 -w0); \
		if [ "$$got" != "$$want" ]; then echo "deps: $$spec: integrity $$got, pinned $$want" >&2; rm -rf $$tmp; exit 1; fi; \
		rm -rf $$dir && mkdir -p $$dir && tar xzf $$tmp/$$tgz -C $$dir --strip-components=1 --no-same-owner || exit 1; \
		rm -rf $$tmp; \
	done

$(BUILD)/obj/%.o: %.c $(BUILD)/paths.stamp
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# worker-host embeds its JavaScript sources (worker-host/js/NAME.js -> js_NAME).
$(BUILD)/gen/js_%.h: worker-host/js/%.js worker-host/js2c.sh
	@mkdir -p $(dir $@)
	sh worker-host/js2c.sh $(subst -,_,$*) $< $@
# Node's core modules are the worker-host/js/node_*.js files (coremod.c).
HOST_CORE_JS   := $(wildcard worker-host/js/node_*.js)
$(BUILD)/gen/coremods.h: $(HOST_CORE_JS) worker-host/coremods.sh
	@mkdir -p $(dir $@)
	sh worker-host/coremods.sh $@ $(HOST_CORE_JS)
$(call obj,worker-host/coremod.c): $(BUILD)/gen/coremods.h
$(call obj,$(HOST_SRC) $(HOST_RT_SRC)): ALL_CFLAGS += -I$(BUILD)/gen
$(call obj,$(HOST_SRC)): ALL_CFLAGS += $(shell pkg-config --cflags libseccomp)
$(call obj,$(HOST_SRC) $(HOST_RT_SRC)): $(HOST_JS_H)
$(call obj,$(CTL_SRC)): ALL_CFLAGS += -Iclient/lib
$(call obj,tests/lib/wc_util.c): ALL_CFLAGS += -Iclient/lib

$(PROTO_LIB): $(call obj,$(PROTO_CORE_SRC))
	@mkdir -p $(dir $@); rm -f $@; ar rcs $@ $^
$(PROTO_DUK): $(call obj,$(PROTO_DUK_SRC))
	@mkdir -p $(dir $@); rm -f $@; ar rcs $@ $^
# The installed client library carries the protocol core it needs.
$(CLIENT_LIB): $(call obj,$(CLIENT_LIB_SRC) $(PROTO_CLIENT_SRC))
	@mkdir -p $(dir $@); rm -f $@; ar rcs $@ $^
$(HOST_RT): $(call obj,$(HOST_RT_SRC))
	@mkdir -p $(dir $@); rm -f $@; ar rcs $@ $^
$(DAEMON_LIB): $(call obj,$(DAEMON_CORE_SRC))
	@mkdir -p $(dir $@); rm -f $@; ar rcs $@ $^
$(TEST_LIB): $(call obj,$(TESTLIB_SRC))
	@mkdir -p $(dir $@); rm -f $@; ar rcs $@ $^

$(DAEMON_BIN): $(call obj,$(DAEMON_SRC)) $(PROTO_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(shell pkg-config --libs libevent msgpack) -lm
# Every worker is forked from the template: with its symbols bound there at
# start-up, no worker binds them again or copies the GOT pages that writes.
$(HOST_BIN): ALL_LDFLAGS += -Wl,-z,now
$(HOST_BIN): $(call obj,$(HOST_SRC)) $(HOST_RT) $(PROTO_DUK) $(PROTO_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(HOST_LIBS) -lm
$(CTL_BIN): $(call obj,$(CTL_SRC)) $(CLIENT_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# Rewritten only when the install paths change, so the .pc never goes stale.
$(BUILD)/paths.stamp: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PREFIX) $(LIBDIR) $(LIBEXECDIR) $(INCLUDEDIR) $(VERSION) $(TSC_JS)' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
FORCE:

$(BUILD)/workerclient.pc: client/workerclient.pc.in $(BUILD)/paths.stamp
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
		-e 's|@VERSION@|$(VERSION)|g' $< > $@

$(BUILD)/tests/%: tests/%.c $(TEST_LIB) $(CLIENT_LIB) $(HOST_RT) $(PROTO_DUK) $(PROTO_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -I$(BUILD)/gen -Itests/lib -Iclient/lib -Iworker-host -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS) $(CHECK_LIBS) -lm

$(BUILD)/tests/daemon/%: tests/daemon/%.c $(TEST_LIB) $(DAEMON_LIB) $(PROTO_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Itests/lib -Idaemon -o $@ $^ $(ALL_LDFLAGS) \
		$(shell pkg-config --libs libevent msgpack) $(CHECK_LIBS) -lm

# The loader's test calls host_read_text() itself: it links the host (its
# archives again after the objects, which need them).
$(BUILD)/tests/host/test_host_loader: $(call obj,$(HOST_CORE_SRC))
$(BUILD)/tests/host/test_host_loader: ALL_LDFLAGS += $(HOST_RT) $(PROTO_DUK) $(PROTO_LIB) $(HOST_LIBS)

# The confinement test applies confine.c in children of its own (its
# libseccomp through libhostrt's rt_dynlib.c).
$(BUILD)/tests/host/test_host_confine: $(call obj,worker-host/confine.c)
$(BUILD)/tests/host/test_host_confine: ALL_LDFLAGS += $(HOST_RT)

# The prefault test records and touches pages in children of its own.
$(BUILD)/tests/host/test_host_prefault: $(call obj,worker-host/prefault.c)

# Queueing failures are injected there (see the test).
$(BUILD)/tests/daemon/test_route: ALL_LDFLAGS += -Wl,--wrap=evbuffer_add

check-build: build $(TEST_BINS) $(BUILD)/hostmsg $(BUILD)/bench $(BUILD)/writetrace.so

# VALGRIND=1 runs every daemon the end-to-end tests start under valgrind
# (leak check; a leak or error fails the test that stops it).
VALGRIND ?= 0
check: deps
	@$(MAKE) --no-print-directory check-build
	@BUILD=$(abspath $(BUILD)) SANITIZE=$(SANITIZE) WORKERSD_VALGRIND=$(VALGRIND) \
		WORKERSD_NPM_FIXTURES=$(NPM_FIXTURES) sh tests/run.sh $(abspath $(BUILD)) $(TEST_BINS)

# Re-runs tests/compat/*.js and tests/npm/*.js under node to prove their expected outputs
# (test_host_nodecompat and tests/e2e/npm_packages.sh compare the worker's with them).
compat-node:
	@sh tests/compat/run-node.sh
	@sh tests/npm/run-node.sh $(NPM_FIXTURES)
	@node tests/threads/node-driver.js | cmp -s - tests/threads/expected.txt && echo "worker_threads: node agrees" || \
		{ echo "worker_threads: node posts otherwise than tests/threads/expected.txt"; exit 1; }

demo: all
	@sh docs/examples/demo.sh $(abspath $(BUILD))

$(BUILD)/bench: tests/bench/bench.c tests/bench/payload.c $(PROTO_LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDFLAGS) $(shell pkg-config --libs libevent msgpack) -lm

# The worker's message path alone, in one process (tests/bench/hostmsg.c).
$(BUILD)/hostmsg: tests/bench/hostmsg.c tests/bench/payload.c $(call obj,$(HOST_CORE_SRC)) $(HOST_RT) $(PROTO_DUK) $(PROTO_LIB)
	$(CC) $(ALL_CFLAGS) -I$(BUILD)/gen -Iworker-host -o $@ $^ $(ALL_LDFLAGS) $(HOST_LIBS) -lm

# The write tracer for the memory work (tests/bench/writetrace.c): a
# preload library, never part of workersd; `make build/writetrace.so`.
$(BUILD)/writetrace.so: tests/bench/writetrace.c
	$(CC) -std=c11 -Wall -Wextra -Werror -O1 -fPIC -shared -Wl,-z,now -o $@ $< -ldl

# PEERS=1: also the peers' harness (Bun, Node), alternating, one table.
PEERS ?= 0
PEERS_DIR ?= $(abspath ../shared/bench/peers)
bench: all
	@$(MAKE) --no-print-directory $(BUILD)/bench
ifeq ($(PEERS),1)
	@sh tests/bench/sidebyside.sh $(abspath $(BUILD)) $(PEERS_DIR)
else
	@sh tests/bench/run.sh $(abspath $(BUILD))
endif

# test262 (not part of `make check`): the language issue's built-in
# directories in workersd workers, then under Node (and Bun when found) the
# same way; tables and failure lists in build/test262/.  TEST262 is a
# tc39/test262 checkout; when there is none, tests/test262/from-debian.py
# rebuilds one there from the copy in Debian's firefox-esr source package
# (downloaded once: a finished tree is reused).
TEST262 ?= /var/tmp/test262
test262: all
	@[ -d $(TEST262)/harness ] || python3 tests/test262/from-debian.py $(TEST262)
	@mkdir -p build/test262
	python3 tests/test262/run.py $(TEST262) --build $(abspath $(BUILD)) --cache $(abspath build/test262/cache) \
		--failures build/test262/workersd.failures | tee build/test262/workersd.md
	python3 tests/test262/run.py $(TEST262) --engine node \
		--failures build/test262/node.failures | tee build/test262/node.md
	@! command -v bun >/dev/null || python3 tests/test262/run.py $(TEST262) --engine bun \
		--failures build/test262/bun.failures | tee build/test262/bun.md

# Web Platform Tests (not part of `make check`): WPT as Node's source
# tarball from Debian keeps it (test/fixtures/wpt, BSD-3), downloaded once
# into build/wpt (or WPT_TARBALL=FILE), checked against its sha256 and
# extracted; tests/wpt/run.py runs the URL data files and the harness
# tests in workersd workers and under node, the table in build/wpt/table.md.
WPT_TARBALL ?= build/wpt/nodejs_18.20.4+dfsg.orig.tar.xz
WPT_URL     := http://deb.debian.org/debian/pool/main/n/nodejs/nodejs_18.20.4+dfsg.orig.tar.xz
WPT_SHA256  := 6ce58062c71eae37d9c5ac31eeaeff9c2d48561d21c2849179d056c9c1bd9ebc
WPT_DIR     := build/wpt/node-v18.20.4/test/fixtures/wpt
wpt: all
	@mkdir -p build/wpt
	@[ -f $(WPT_TARBALL) ] || { curl -fsSL -o $(WPT_TARBALL).part $(WPT_URL) && \
		mv $(WPT_TARBALL).part $(WPT_TARBALL); } || \
		{ echo "wpt: cannot download $(WPT_URL); give a copy with WPT_TARBALL=FILE" >&2; exit 1; }
	@echo "$(WPT_SHA256)  $(WPT_TARBALL)" | sha256sum -c --quiet || \
		{ echo "wpt: $(WPT_TARBALL) is not the tarball expected" >&2; exit 1; }
	@[ -d $(WPT_DIR)/url ] || tar -xJf $(WPT_TARBALL) -C build/wpt node-v18.20.4/test/fixtures/wpt
	python3 tests/wpt/run.py $(WPT_DIR) --build $(abspath $(BUILD)) --cache build/wpt/cache \
		--failures build/wpt/workersd.failures | tee build/wpt/table.md

# A long mixed load against one daemon (tests/soak/soak.c); not in check.
SOAK_SECONDS ?= 600
$(BUILD)/soak: tests/soak/soak.c $(TEST_LIB) $(PROTO_LIB)
	$(CC) $(ALL_CFLAGS) -Itests/lib -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS) $(CHECK_LIBS) -lm

soak: all
	@$(MAKE) --no-print-directory $(BUILD)/soak
	@WORKERSD_BUILD=$(abspath $(BUILD)) SOAK_SECONDS=$(SOAK_SECONDS) $(BUILD)/soak

# Fuzzers (clang's libFuzzer): tests/fuzz/fuzz_NAME.c for every NAME in
# FUZZ_TARGETS, linked with the sources FUZZ_SRC_NAME lists, each run for
# FUZZ_SECONDS (or FUZZ_RUNS executions) on a corpus seeded by
# tests/fuzz/seeds.c, inputs at most FUZZ_MAX_LEN bytes.  Objects build
# with clang into build/fuzz/obj.
FUZZ_SECONDS ?= 60
FUZZ_RUNS    ?= -1
FUZZ_MAX_LEN ?= 65536
FUZZ_SRC_proto        := $(PROTO_CORE_SRC)
FUZZ_SRC_clone_json   := $(PROTO_CORE_SRC)
FUZZ_SRC_clone_duk    := $(PROTO_CORE_SRC) $(PROTO_DUK_SRC) $(HOST_RT_SRC)
FUZZ_SRC_host_frames  := $(PROTO_CORE_SRC) $(PROTO_DUK_SRC) $(HOST_RT_SRC) $(HOST_CORE_SRC)
FUZZ_SRC_compile_req  := $(FUZZ_SRC_host_frames)
FUZZ_SRC_client_reply := $(PROTO_CLIENT_SRC) $(CLIENT_LIB_SRC)
# A target that keeps one Duktape heap across inputs runs without
# libFuzzer's per-input leak check: the heap's own caches make every input
# look like a leak and the check a scan of the whole heap, ten times
# slower.  Their replays under SANITIZE=1 still check leaks at exit.
FUZZ_OPTS_clone_duk   := -detect_leaks=0
FUZZ_OPTS_host_frames := -detect_leaks=0
FUZZ_LIBS := $(PKG_LIBS) $(HOST_LIBS) -lm
FUZZ_INC  := -Iprotocol -Iworker-host -Iclient/lib -I$(BUILD)/gen $(PKG_CFLAGS) \
	$(shell pkg-config --cflags libseccomp 2>/dev/null)
FUZZ_DEFS := -D_GNU_SOURCE -DWORKERSD_VERSION='"$(VERSION)"' \
	-DWORKERSD_LIBEXECDIR='"$(LIBEXECDIR)/workersd"' \
	-DWORKERSD_TSC='"/usr/share/nodejs/typescript/lib/typescript.js"' \
	-DWORKERSD_EVSSL_LIB='"$(EVSSL_LIB)"' -DWORKERSD_SECCOMP_LIB='"$(SECCOMP_LIB)"'
FUZZ_FLAGS := -std=c11 -g -O1 -fno-omit-frame-pointer $(FUZZ_DEFS) $(FUZZ_INC)
FUZZ_SAN   := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_DIR   := build/fuzz
FUZZ_BINS  := $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_TARGETS))
fuzz_obj    = $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(1))

$(FUZZ_DIR)/obj/%.o: %.c $(HOST_JS_H) $(BUILD)/gen/coremods.h
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
.SECONDEXPANSION:
$(FUZZ_DIR)/fuzz_%: $$(call fuzz_obj,tests/fuzz/fuzz_$$*.c $$(FUZZ_SRC_$$*))
	clang $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LIBS)
$(FUZZ_DIR)/seeds: tests/fuzz/seeds_main.c tests/fuzz/seeds.c $(call obj,$(PROTO_CLIENT_SRC) tests/lib/clone_corpus.c)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -Itests/lib -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS) -lm

# Every input kept under tests/fuzz/regress/NAME and the seeds, replayed by
# `make check` through each target built without libFuzzer (replay.c).
FUZZ_REPLAY_SRC = $(sort $(FUZZ_SRC_$(1)) $(PROTO_CLIENT_SRC) tests/lib/tsuite.c tests/lib/clone_corpus.c)
$(BUILD)/tests/fuzz/replay_%: tests/fuzz/replay.c tests/fuzz/seeds.c tests/fuzz/fuzz_%.c \
		$$(call obj,$$(call FUZZ_REPLAY_SRC,$$*))
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -I$(BUILD)/gen -Itests/fuzz -Itests/lib -Iclient/lib -Iworker-host \
		$(shell pkg-config --cflags libseccomp) -DFUZZ_TARGET='"$*"' -o $@ $^ \
		$(ALL_LDFLAGS) $(FUZZ_LIBS) $(CHECK_LIBS)

fuzz: deps
	@command -v clang >/dev/null && [ -n "$$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] || \
		{ [ "$$(id -u)" = 0 ] && apt-get install -y -q clang libclang-rt-14-dev; } \
		|| { echo "fuzz: needs clang: sudo apt-get install clang libclang-rt-14-dev" >&2; exit 1; }
	@$(MAKE) --no-print-directory $(FUZZ_BINS) $(FUZZ_DIR)/seeds
	@set -e; for n in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_DIR)/corpus/$$n; $(FUZZ_DIR)/seeds $$n $(FUZZ_DIR)/corpus/$$n; \
		echo "fuzz: $$n"; \
		opts="$(foreach t,$(FUZZ_TARGETS),$(if $(FUZZ_OPTS_$(t)),$(t):$(FUZZ_OPTS_$(t))))"; \
		$(FUZZ_DIR)/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -runs=$(FUZZ_RUNS) -max_len=$(FUZZ_MAX_LEN) \
			$$(for o in $$opts; do [ "$${o%%:*}" = $$n ] && echo "$${o#*:}"; done) -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/$$n- \
			$(FUZZ_DIR)/corpus/$$n $$(ls -d tests/fuzz/regress/$$n 2>/dev/null); done

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) $(DESTDIR)$(LIBEXECDIR)/workersd \
		$(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man8
	install -m 755 $(DAEMON_BIN) $(DESTDIR)$(SBINDIR)/workersd
	install -m 755 $(HOST_BIN) $(DESTDIR)$(LIBEXECDIR)/workersd/worker-host
	install -m 755 $(CTL_BIN) $(DESTDIR)$(BINDIR)/workerctl
	install -m 644 $(CLIENT_LIB) $(DESTDIR)$(LIBDIR)/libworkerclient.a
	install -m 644 client/lib/workerclient.h $(DESTDIR)$(INCLUDEDIR)/workerclient.h
	install -m 644 $(BUILD)/workerclient.pc $(DESTDIR)$(LIBDIR)/pkgconfig/workerclient.pc
	install -m 644 docs/man/workerctl.1 $(DESTDIR)$(MANDIR)/man1/workerctl.1
	install -m 644 docs/man/workersd.8 $(DESTDIR)$(MANDIR)/man8/workersd.8

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/workersd $(DESTDIR)$(BINDIR)/workerctl \
		$(DESTDIR)$(LIBEXECDIR)/workersd/worker-host $(DESTDIR)$(LIBDIR)/libworkerclient.a \
		$(DESTDIR)$(INCLUDEDIR)/workerclient.h $(DESTDIR)$(LIBDIR)/pkgconfig/workerclient.pc \
		$(DESTDIR)$(MANDIR)/man1/workerctl.1 $(DESTDIR)$(MANDIR)/man8/workersd.8

clean:
	rm -rf build build-san

-include $(shell find $(BUILD)/obj $(FUZZ_DIR)/obj -name '*.d' 2>/dev/null)
