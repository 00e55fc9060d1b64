# Two commands do everything on a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := run

TOOLCHAIN := $(shell scripts/toolchain)
CARGO := cargo $(TOOLCHAIN)

# One toolchain and one set of compile-time variables for every build, so `cargo test` and
# cargo-leptos share compiled dependencies instead of building them twice.
export RUSTC_BOOTSTRAP := 1
export LEPTOS_OUTPUT_NAME := herald
export SQLX_OFFLINE := true
ifeq ($(TOOLCHAIN),+debian-web)
  # Debian's rustc has no rust-lld; the wasm std is built from source (see scripts/setup).
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER := /usr/lib/llvm-22/bin/wasm-ld
  LEPTOS_ARGS := --lib-cargo-args=-Zbuild-std=std,panic_abort
endif

.PHONY: run test setup setup-test postgres build-site unit e2e lint sqlx-prepare bench bench-plan bench-publish pds-test chaos image image-base image-test

run: setup postgres
	$(CARGO) leptos serve --release $(LEPTOS_ARGS)

# The image's Debian base is fetched (network-bound) while the tests compile and run; the
# browser bundle e2e builds is the one the image takes. Each stage prints its duration.
test: setup-test postgres
	@mkdir -p target; (scripts/image-base > target/image-base.log 2>&1 || true) & \
	stage() { local start=$$SECONDS; $(MAKE) --no-print-directory "$$@" || return; \
	  printf '\033[1;34m[test]\033[0m %s took %d s\n' "$$1" $$((SECONDS - start)); }; \
	stage unit && stage e2e && stage pds-test; status=$$?; wait; \
	[ $$status -eq 0 ] && stage image-test SITE_BUILT=1

setup:
	@scripts/setup

setup-test:
	@scripts/setup --test

postgres:
	@scripts/ensure-postgres

# Unit and integration tests, each in its own process (cargo-nextest, .config/nextest.toml);
# each integration test gets its own database (#[sqlx::test]).
# The chaos and image harnesses run apart (make chaos, make image-test), but are built here
# so that they keep compiling.
unit:
	scripts/module-cycles
	DATABASE_URL=$${HERALD_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	  $(CARGO) nextest run --features ssr
	$(CARGO) test --features ssr --test chaos --test image --no-run

# The browser bundle (wasm, JS, CSS) in target/site, optimised as `make run` serves it, so
# the browser tests exercise what users get.
build-site:
	$(CARGO) leptos build --release --frontend-only $(LEPTOS_ARGS)

# Browser tests in Chromium against a Herald on a fresh database (tests/e2e).
e2e: build-site
	DATABASE_URL=$${HERALD_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	  $(CARGO) test --features ssr --test e2e -- --ignored

# The Bluesky adapter against a real PDS (npm's @atproto/pds under Node 22) on loopback.
pds-test:
	scripts/setup-pds
	$(CARGO) test --features ssr --test pds -- --ignored

lint:
	$(CARGO) fmt --check
	scripts/module-cycles
	$(CARGO) clippy --features ssr --all-targets --test chaos --test image -- -D warnings

# Regenerates the offline query cache in .sqlx/ after a query or migration changes.
sqlx-prepare: postgres
	CARGO="$(CARGO)" scripts/sqlx-prepare

# Seeds 5,000 posts in a throwaway database and times the month view (median, p95).
bench: setup postgres
	DATABASE_URL=$${HERALD_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	  $(CARGO) bench --bench calendar --features ssr

# A year of a daily series for 100 accounts made by the series job, and the week view with
# 2,000 posting slots and 2,000 posts (throwaway database); prints both.
bench-plan: setup postgres
	DATABASE_URL=$${HERALD_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	  $(CARGO) bench --bench plan --features ssr

# A herald worker against a fake network (100 ms): steady-state and burst lateness, drain
# rate, peak memory, and a neighbour workspace's post inside the burst (fair turns). Takes
# about five minutes after the build.
bench-publish: setup postgres
	DATABASE_URL=$${HERALD_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	  $(CARGO) bench --bench publish --features ssr

# Herald under faults against a fake network and a throwaway Postgres cluster on port 5499
# (SIGKILLs, a Postgres restart, 503s, 429s); prints a table. About 12 minutes after the build
# (it needs no browser bundle, so no cargo-leptos).
chaos: postgres
	$(CARGO) test --features ssr --test chaos -- $(CHAOS_ONLY)

# The container image localhost/herald:latest (Containerfile): the release server and browser
# bundle built here, then assembled by podman (or docker); prints its size. SITE_BUILT=1 takes
# the bundle already in target/site (cargo-leptos would run wasm-opt again, 80 s, for nothing).
image: setup
	$(if $(SITE_BUILT),,$(MAKE) --no-print-directory build-site)
	$(CARGO) leptos build --release --server-only $(LEPTOS_ARGS)
	scripts/image-build

# A Debian base made locally with debootstrap, for machines that reach Debian's mirror but no
# registry of images; `make image` uses it when present. Kept in target/podman.
image-base:
	scripts/image-base

# The image as an operator runs it (tests/image): first start, sign-up in Chromium, a burst
# of 200 posts cut by `podman stop`, restarts, backup and restore; prints sizes and timings.
image-test: setup-test image-base image
	$(CARGO) test --features ssr --test image
