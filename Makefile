# drc: the two commands are `make demo` and `make test` (see README.md).

SWIFT ?= swift
DRC := .build/release/drc

.PHONY: all setup build demo test format lint schema clean

all: build

# Installs missing Debian packages (OpenCL, clang-14, ...) and checks for swift; fast when done.
setup:
	bash tools/setup.sh

build: setup
	$(SWIFT) build -c release

# The whole pipeline on Black-Scholes: record the Swift program, validate the trace, explain
# the fused plan, emit the plan, OpenCL C and Swift stub, run it on the OpenCL device (PoCL)
# against the float64 oracle, and verify it kernel by kernel; then run the program itself in
# device mode (docs/lazy.md).
demo: build
	mkdir -p .demo
	$(DRC) record --save-inputs -o .demo/blackscholes.json -- .build/release/blackscholes 100000
	$(DRC) validate .demo/blackscholes.json
	$(DRC) explain .demo/blackscholes.json
	$(DRC) compile .demo/blackscholes.json --emit plan,cl,swift --output-dir .demo
	$(DRC) run .demo/blackscholes.json --repeat 5
	$(DRC) run .demo/blackscholes.json --repeat 5 --unfused
	$(DRC) verify .demo/blackscholes.json
	# The same program in device mode: deferred, fused and run on the device as it runs.
	DRC_MODE=device DRC_LAZY_STATS=1 DRC_VERIFY=1 .build/release/blackscholes 100000

# Builds everything including the test targets, then runs every test suite.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test
	# The array library's tests again in device mode (docs/lazy.md), on PoCL; NewUfuncTests
	# expects libm's exact results, which the device's functions meet only within their
	# documented ulp bounds.
	DRC_MODE=device $(SWIFT) test --skip-build --filter DRCArrayTests --skip NewUfuncTests

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
	rm -rf .build .demo
