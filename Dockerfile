# baton-boomi's container image, in the baton connectors' shape: one static binary, run as the
# distroless "nonroot" user (uid/gid 65532), the connector as entrypoint. It is FROM scratch rather than
# distroless/static so it builds offline: the binary carries its own root certificates (see
# cmd/baton-boomi/main.go) and /tmp is copied in, writable by 65532, because the SDK keeps sync state there.
#
# The build context holds the binary as $TARGETPLATFORM/baton-boomi (e.g. linux/amd64/baton-boomi,
# CGO_ENABLED=0) and deploy/image/: `make image` prepares it, goreleaser's dockers_v2 does the same.
FROM scratch

ARG TARGETPLATFORM
ARG VERSION=v0.0.0-dev
ARG REVISION=unknown
ARG CREATED=1970-01-01T00:00:00Z

LABEL org.opencontainers.image.title="baton-boomi" \
      org.opencontainers.image.description="Baton connector for the Boomi Enterprise Platform and Boomi MFT" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="https://github.com/baton-boomi/baton-boomi" \
      org.opencontainers.image.url="https://github.com/baton-boomi/baton-boomi" \
      org.opencontainers.image.documentation="https://github.com/baton-boomi/baton-boomi/blob/main/docs/kubernetes.md" \
      org.opencontainers.image.licenses="Apache-2.0"

COPY --chown=65532:65532 deploy/image/tmp/ /tmp/
COPY ${TARGETPLATFORM}/baton-boomi /baton-boomi
ENV TMPDIR=/tmp
USER 65532:65532
ENTRYPOINT ["/baton-boomi"]
