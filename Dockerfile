# secretradar's container image: the official Swift image builds, a slim Debian runs.
#
#   docker build -t "$CI_REGISTRY/security/secretradar:0.1.0" . && docker push "$CI_REGISTRY/security/secretradar:0.1.0"
#
# Build it and push it to your own registry; templates/secretradar.gitlab-ci.yml uses it as
# $SECRETRADAR_IMAGE. Not built in this project's CI (no Docker engine there): a test keeps the
# runtime stage's package list equal to RUNTIME_PACKAGES in the Makefile, which the Debian
# package's Depends use and CI does install and run.

FROM swift:6.2-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgit2-dev libpcre2-dev libsqlite3-dev libhyperscan-dev pkg-config git \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The rule pack is embedded at build time; the binary needs no patterns/ beside it.
RUN swift build -c release --static-swift-stdlib --product secretradar \
    && install -m 755 .build/release/secretradar /usr/local/bin/secretradar \
    && strip --strip-unneeded /usr/local/bin/secretradar

FROM debian:bookworm-slim
# RUNTIME_PACKAGES
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgit2-1.5 libpcre2-8-0 libsqlite3-0 libhyperscan5 zlib1g libstdc++6 libgcc-s1 libc6 git ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/secretradar /usr/bin/secretradar
RUN useradd --system --create-home --home-dir /home/radar radar
USER radar
WORKDIR /home/radar
# `serve` listens on 8787 (set --listen 0.0.0.0:8787 inside a container).
EXPOSE 8787
ENTRYPOINT ["secretradar"]
CMD ["--help"]
