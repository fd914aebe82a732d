# Freightline: two commands on a fresh Debian machine.
#   make demo   installs what is missing, builds, runs the bundled example
#   make test   installs what is missing, builds, runs every test
SWIFT ?= swift
CONFIGURATION ?= debug
BIN = .build/$(CONFIGURATION)/freightline

.PHONY: all deps build test demo bench clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIGURATION) --product freightline

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: build
	@FREIGHTLINE=$(BIN) scripts/demo.sh

bench: deps
	$(SWIFT) build -c release --product freightline-bench
	.build/release/freightline-bench

clean:
	rm -rf .build
