# AgentDeck: `make demo` opens the dashboard on the built-in demo fleet; `make test` runs everything.
SWIFT ?= swift
export LANG := C.UTF-8
export AGENTDECK_REPO := $(CURDIR)
# The minimal libcurl scripts/build-libcurl.sh builds (`make deps`); without it, the system's.
export PKG_CONFIG_PATH := $(CURDIR)/.deps/libcurl/lib/pkgconfig$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH))
# Release builds link the Swift runtime and Foundation into each executable: fewer resident pages
# than ~15 shared Swift libraries (BENCHMARKS.md, round 7 "linking"; lld/RELR in Package.swift).
RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: all deps build release test demo bench bench-process bench-e2e bench-side-by-side clean

all: build

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

# The whole suite: unit, render, headless ncurses, integration against real a2a-sdk peers, tmux e2e.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --no-parallel

demo: deps
	$(SWIFT) build
	@scripts/demo.sh

clean:
	rm -rf .build .deps .venv-a2a13 .venv-a2a03

# libFuzzer runs of the parsers that read agent bytes (scripts/fuzz.sh; see RELIABILITY.md).
.PHONY: fuzz
fuzz:
	@scripts/fuzz.sh

# Benchmarks (release build), one figure per line `name: value unit`; budgets in BENCHMARKS.md.
# Each benchmark runs in its own process so memory figures hold only that benchmark's heap.
BENCH_SCRATCH ?= .build-perf-release
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --scratch-path $(BENCH_SCRATCH) --product agentdeck-bench
	@for b in ingest render memory; do $(BENCH_SCRATCH)/release/agentdeck-bench $$b || exit 1; done

# Process-level benchmarks (minutes each): startup and idle; end to end under the fleet's load;
# side by side with a2a-handler 0.4.0 (needs .venv-handler, see the script).
bench-process bench-e2e bench-side-by-side: deps
	$(SWIFT) build $(RELEASE_FLAGS) --scratch-path $(BENCH_SCRATCH) --product agentdeck
	$(SWIFT) build $(RELEASE_FLAGS) --scratch-path $(BENCH_SCRATCH) --product agentdeck-fleet
	BIN=$(BENCH_SCRATCH)/release scripts/$@.sh

# The long reliability run: 100 crash/restart cycles of a fleet under the real dashboard, printing
# descriptor and memory figures (`make test` runs the same test with 12 cycles).
.PHONY: soak
soak: deps
	$(SWIFT) build --build-tests
	AGENTDECK_SOAK_CYCLES=$${AGENTDECK_SOAK_CYCLES:-100} $(SWIFT) test --skip-build --filter SoakTests 2>&1 | grep -E 'soak_|✔|✘'
