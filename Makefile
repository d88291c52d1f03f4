# baton-boomi: build, test and try the connector. `make test` is the command CI runs (see .ci/run).
GO ?= go
BIN := dist
PKGS := ./...

# The release version and commit `baton-boomi --version` prints (see cmd/baton-boomi/version.go).
VERSION ?= $(shell git describe --tags --match 'v*' --dirty 2>/dev/null || echo v0.0.0-dev)
COMMIT ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
LDFLAGS := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)

.PHONY: build test lint generate demo clean

build: generate
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN)/baton-boomi ./cmd/baton-boomi
	$(GO) build -o $(BIN)/boomi-sim ./cmd/boomi-sim

# Regenerates pkg/config/conf.gen.go from the field declarations in pkg/config/config.go.
generate: pkg/config/conf.gen.go
pkg/config/conf.gen.go: pkg/config/config.go go.mod
	cd pkg/config && $(GO) run ./gen

test:
	$(GO) vet $(PKGS)
	$(GO) test -count=1 -timeout 15m $(PKGS)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

# Full-sync benchmark against the simulator (rate limit on); minutes, not part of `test`. See bench/REPORT.md.
.PHONY: bench
bench:
	$(GO) run ./bench --sizes 1000,2500,5000,10000

demo: build
	./scripts/demo.sh

# Container image (Dockerfile): a static linux binary in a FROM scratch image, built with buildah, which
# needs no daemon and no base-image pull. `make image-check` builds it and tests it (test/e2e/image_test.go).
IMAGE ?= ghcr.io/baton-boomi/baton-boomi
IMAGE_TAG ?= $(VERSION)
IMAGE_CONTEXT := $(BIN)/image-context
BUILDAH ?= buildah
.PHONY: image image-check
image:
	@command -v $(BUILDAH) >/dev/null || { echo "make image needs buildah (Debian: apt-get install -y buildah)" >&2; exit 1; }
	rm -rf $(IMAGE_CONTEXT) && mkdir -p $(IMAGE_CONTEXT)/deploy
	CGO_ENABLED=0 GOOS=linux $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(IMAGE_CONTEXT)/baton-boomi ./cmd/baton-boomi
	cp -r deploy/image $(IMAGE_CONTEXT)/deploy/
	$(BUILDAH) build --quiet --layers=false -f Dockerfile \
		--build-arg VERSION=$(VERSION) --build-arg REVISION=$(COMMIT) \
		--build-arg CREATED=$$(git log -1 --format=%cI 2>/dev/null || date -u +%FT%TZ) \
		-t $(IMAGE):$(IMAGE_TAG) $(IMAGE_CONTEXT)
image-check: image
	BATON_BOOMI_IMAGE=$(IMAGE):$(IMAGE_TAG) BATON_BOOMI_IMAGE_VERSION=$(VERSION) BATON_BOOMI_IMAGE_COMMIT=$(COMMIT) \
		$(GO) test -tags image -count=1 -timeout 10m -run 'TestImage' ./test/e2e

clean:
	rm -rf $(BIN)
