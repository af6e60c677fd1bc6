# drc: the two commands are `make demo` and `make test` (see README.md).

SWIFT ?= swift
DRC := .build/release/drc
DEMO_TRACE := traces/blackscholes_small.json

.PHONY: all setup build demo test format lint schema clean

all: build

# Installs missing Debian packages (OpenCL, clang-14, ...) and checks for swift; fast when done.
setup:
	bash tools/setup.sh

build: setup
	$(SWIFT) build -c release

# Builds drc and runs it on the small Black-Scholes trace: validate, print the IR, interpret.
demo: build
	$(DRC) validate $(DEMO_TRACE)
	$(DRC) print $(DEMO_TRACE)
	$(DRC) interpret $(DEMO_TRACE)

# Builds everything including the test targets, then runs every test suite.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test

# Rewrites Sources and Tests in place with swift-format (config: .swift-format).
format:
	bash tools/format.sh

# Checks formatting without changing files; fails on any finding.
lint:
	bash tools/format.sh --check

# Checks docs/trace-schema.json and validates the example and traces/ against it (needs
# python3-jsonschema).
schema:
	python3 tools/check-schema.py

clean:
	rm -rf .build
