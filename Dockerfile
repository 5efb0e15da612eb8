# sessionpack with typst 0.15.1 inside, for servers and CI jobs: nothing to compile on them.
#   docker build -t sessionpack .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/project" sessionpack build
# typst comes from its release archive, checked against scripts/typst-0.15.1.sha256 by the same
# scripts/setup.sh a person runs; a mismatch fails the image build.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl xz-utils \
    && rm -rf /var/lib/apt/lists/*
COPY scripts/setup.sh scripts/typst-0.15.1.sha256 /opt/sessionpack/scripts/
RUN XDG_CACHE_HOME=/opt/sessionpack/cache /opt/sessionpack/scripts/setup.sh --typst-only \
    && chmod -R a+rX /opt/sessionpack
ENV SESSIONPACK_TYPST=/opt/sessionpack/cache/sessionpack/typst-0.15.1/bin/typst
COPY --from=build /src/target/release/sessionpack /usr/local/bin/sessionpack
WORKDIR /project
ENTRYPOINT ["sessionpack"]
CMD ["--help"]
