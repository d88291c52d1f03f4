# baton-boomi: build, test and try the connector. `make test` is the command CI runs (see .ci/run).
GO ?= go
BIN := dist
PKGS := ./...

.PHONY: build test lint generate demo clean

build: generate
	$(GO) build -o $(BIN)/baton-boomi ./cmd/baton-boomi
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

# Soak: 30 consecutive syncs of a 2,500-user dataset against one simulator with random faults (1 % each of
# 500/502/504/dropped/truncated, the 10/s limit on); per-run failures, retries, peak memory. Minutes; not
# part of `test`.
.PHONY: soak
soak:
	$(GO) run ./soak --runs 30 --users 2500

demo: build
	./scripts/demo.sh

clean:
	rm -rf $(BIN)
