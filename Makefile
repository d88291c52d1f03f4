# baton-boomi: build, test and try the connector. `make test` is the command CI runs (see .ci/run).
GO ?= go
BIN := dist
PKGS := ./...
TOOLS := bin

# The release version and commit `baton-boomi --version` prints (see cmd/baton-boomi/version.go).
VERSION ?= $(shell git describe --tags --match 'v*' --dirty 2>/dev/null || echo v0.0.0-dev)
COMMIT ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
LDFLAGS := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)

.PHONY: build test lint generate demo clean

build: generate
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN)/baton-boomi ./cmd/baton-boomi
	$(GO) build -o $(BIN)/boomi-sim ./cmd/boomi-sim

# Regenerates pkg/config/conf.gen.go from the field declarations in pkg/config/config.go, then the committed
# metadata from the connector's own `capabilities`, `config` and `--help` output: baton_capabilities.json,
# config_schema.json, the generated blocks of docs/connector.mdx and README.md's --help block
# (test/e2e/metadata_test.go checks them).
generate: pkg/config/conf.gen.go
	$(GO) build -o $(BIN)/metadata/baton-boomi ./cmd/baton-boomi
	$(GO) run ./internal/metadata/gen $(BIN)/metadata/baton-boomi
pkg/config/conf.gen.go: pkg/config/config.go go.mod
	cd pkg/config && $(GO) run ./gen

test:
	$(GO) vet $(PKGS)
	$(GO) test -count=1 -timeout 15m $(PKGS)

# gofmt, go vet, golangci-lint (.golangci.yml), actionlint (.github/workflows), goreleaser's own
# configuration check and an MDX compile of docs/connector.mdx, with the pinned tools from tools/.
lint: $(TOOLS)/golangci-lint $(TOOLS)/actionlint $(TOOLS)/goreleaser tools/mdx/node_modules/.package-lock.json
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(TOOLS)/golangci-lint run --allow-parallel-runners $(PKGS)
	$(TOOLS)/actionlint
	$(TOOLS)/goreleaser check --quiet
	node tools/mdx/check.mjs docs/connector.mdx

# Full-sync benchmark against the simulator (rate limit on); minutes, not part of `test`. See bench/REPORT.md.
.PHONY: bench
bench:
	$(GO) run ./bench --sizes 1000,2500,5000,10000

# Soak: 30 consecutive syncs of a 2,500-user dataset against one simulator with random faults (1 % each of
# 500/502/504/dropped/truncated, the 10/s limit on); per-run failures, retries, peak memory. Minutes; not
# part of `test`.
.PHONY: soak
soak:
	$(GO) run ./soak --runs 30 --users 2500

demo: build
	./scripts/demo.sh

# Container image (Dockerfile): a static linux binary in a FROM scratch image, built with buildah, which
# needs no daemon and no base-image pull. `make image-check` builds it and tests it (test/e2e/image_test.go).
IMAGE ?= ghcr.io/baton-boomi/baton-boomi
IMAGE_TAG ?= $(VERSION)
IMAGE_CONTEXT := $(BIN)/image-context
IMAGE_ARCH ?= $(shell $(GO) env GOARCH)
BUILDAH ?= buildah
.PHONY: image image-check
image:
	@command -v $(BUILDAH) >/dev/null || { echo "make image needs buildah (Debian: apt-get install -y buildah)" >&2; exit 1; }
	rm -rf $(IMAGE_CONTEXT) && mkdir -p $(IMAGE_CONTEXT)/deploy
	CGO_ENABLED=0 GOOS=linux GOARCH=$(IMAGE_ARCH) $(GO) build -trimpath -ldflags "$(LDFLAGS)" \
		-o $(IMAGE_CONTEXT)/linux/$(IMAGE_ARCH)/baton-boomi ./cmd/baton-boomi
	cp -r deploy/image $(IMAGE_CONTEXT)/deploy/
	$(BUILDAH) build --quiet --layers=false -f Dockerfile --platform linux/$(IMAGE_ARCH) \
		--build-arg VERSION=$(VERSION) --build-arg REVISION=$(COMMIT) \
		--build-arg CREATED=$$(git log -1 --format=%cI 2>/dev/null || date -u +%FT%TZ) \
		-t $(IMAGE):$(IMAGE_TAG) $(IMAGE_CONTEXT)
image-check: image
	BATON_BOOMI_IMAGE=$(IMAGE):$(IMAGE_TAG) BATON_BOOMI_IMAGE_VERSION=$(VERSION) BATON_BOOMI_IMAGE_COMMIT=$(COMMIT) \
		$(GO) test -tags image -count=1 -timeout 10m -run 'TestImage' ./test/e2e

# Pinned tools, each in its own module under tools/ so the connector's go.mod stays small; built into bin/.
$(TOOLS)/golangci-lint: tools/golangci-lint/go.mod tools/golangci-lint/go.sum
	cd tools/golangci-lint && $(GO) build -o ../../$@ github.com/golangci/golangci-lint/v2/cmd/golangci-lint
$(TOOLS)/actionlint: tools/actionlint/go.mod tools/actionlint/go.sum
	cd tools/actionlint && $(GO) build -o ../../$@ github.com/rhysd/actionlint/cmd/actionlint
$(TOOLS)/goreleaser: tools/goreleaser/go.mod tools/goreleaser/go.sum
	cd tools/goreleaser && $(GO) build -o ../../$@ github.com/goreleaser/goreleaser/v2
# The MDX compiler (npm, pinned in tools/mdx/package-lock.json) that checks docs/connector.mdx renders.
tools/mdx/node_modules/.package-lock.json: tools/mdx/package.json tools/mdx/package-lock.json
	@command -v npm >/dev/null || { echo "make lint needs Node.js and npm for the MDX check (Debian: apt-get install -y nodejs npm)" >&2; exit 1; }
	npm ci --prefix tools/mdx --no-audit --no-fund --silent
.PHONY: tools
tools: $(TOOLS)/golangci-lint $(TOOLS)/actionlint $(TOOLS)/goreleaser tools/mdx/node_modules/.package-lock.json

# Release archives and checksums for linux/darwin/windows x amd64/arm64 into dist/release, as a tagged
# release builds them (.goreleaser.yaml), without publishing and without the image (no Docker daemon here:
# `make image` builds the same Dockerfile). COMMIT is passed because goreleaser reads no git state in a
# clone without a remote.
.PHONY: release-snapshot
release-snapshot: $(TOOLS)/goreleaser
	$(TOOLS)/goreleaser check
	COMMIT=$(COMMIT) $(TOOLS)/goreleaser release --snapshot --clean --skip=docker,publish
	@ls -l dist/release/*.tar.gz dist/release/*.zip dist/release/*checksums.txt

clean:
	rm -rf $(BIN) $(TOOLS)
