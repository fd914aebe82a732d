# Freightline in a container: the one `freightline` binary on Debian 12 (bookworm).
#
#   docker build -t freightline .
#   docker run --rm freightline                      # reconcile --help
#   docker run --rm -v "$PWD/credentials:/etc/freightline/credentials:ro" freightline \
#     reconcile --repo https://github.com/example/gitops.git --config-path kargo \
#     --credentials /etc/freightline/credentials
#
# Kubernetes: deploy/kubernetes/cronjob.yaml (one job every 5 minutes) and
# cronjob-sharded.yaml (an Indexed Job running `reconcile --shard i/4`).
#
# Steps that run external tools (helm-template, kustomize-build) find none in this image;
# build FROM it and add them when a pipeline needs them.

# ---- Build: the Swift toolchain and the C libraries Freightline links (libgit2, libyaml).
FROM swift:6.1-bookworm AS build
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libgit2-dev libyaml-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
# Dependencies first, so a change to the sources does not fetch them again.
COPY Package.swift Package.resolved ./
RUN swift package resolve --force-resolved-versions
# Tests/ too: the manifest names its test targets' folders.
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product freightline --static-swift-stdlib \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/freightline" /out/freightline

# ---- Runtime: the Swift runtime is linked in; libgit2 and libyaml are Debian's shared
# libraries, libcurl serves Foundation's URLSession (registries, Helm repositories,
# verification), ca-certificates lets it and libgit2 check TLS certificates.
FROM debian:bookworm-slim
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libgit2-1.5 libyaml-0-2 libcurl4 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
# A fixed, numeric non-root user, so `runAsNonRoot` can check it without a passwd lookup.
RUN groupadd --system --gid 10001 freightline \
    && useradd --system --uid 10001 --gid 10001 --home-dir /home/freightline --create-home \
       --shell /usr/sbin/nologin freightline
COPY --from=build /out/freightline /usr/local/bin/freightline
USER 10001:10001
WORKDIR /home/freightline
ENTRYPOINT ["/usr/local/bin/freightline"]
CMD ["reconcile", "--help"]
