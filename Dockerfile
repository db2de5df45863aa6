# syntax=docker/dockerfile:1
# The image of any one app:   docker build --build-arg APP=order -t event-shop/order .
# (docker-compose.yml builds all seven from this file.)
#
# Built by the native setup's own commands, which the native CI runs too:
#   ./shop setup install          Node and the pinned pnpm as ./shop fetches them, then
#                                 pnpm install --frozen-lockfile (CI=true)
#   ./shop setup build            pnpm turbo run build: Prisma clients generated, TypeScript compiled
#   infra/image/deploy-app.sh     pnpm deploy --prod of the one app (e2e/compose/app-image.spec.ts
#                                 runs it natively and starts the result)
# The pnpm store is a BuildKit cache shared by every app and every rebuild, and the
# dependency layer is reused until a package.json or the lockfile changes.
#
# The container applies the app's migrations with Prisma's own `migrate deploy`
# (its engine is downloaded here, at build time; an app without a database, the
# gateway, has neither), then runs the app, as the
# unprivileged `node` user. Multi-arch: the base image exists for amd64 and arm64,
# and pnpm and the Prisma engine are fetched for the platform being built.

ARG NODE_VERSION=24.21.0
# The image index (amd64, arm64, ...) node:24.21.0-bookworm-slim named when this was
# written (docker-library/repo-info, 2026-09-19): a rebuilt tag changes nothing here
# until this line does. Change the two together.
ARG NODE_IMAGE_DIGEST=sha256:0e0ff40c39bc087845bfb27465a0df4ea419520094bc35842ff83dd8cbe6f9b6

FROM node:${NODE_VERSION}-bookworm-slim@${NODE_IMAGE_DIGEST} AS base
# Prisma's schema engine links against OpenSSL, which the slim image lacks.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates openssl \
 && rm -rf /var/lib/apt/lists/*

# What `pnpm install` reads, and nothing else, so editing a source file keeps the install layer.
FROM base AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && cp -R --parents -t /manifests package.json pnpm-lock.yaml pnpm-workspace.yaml patches .node-version shop infra \
 && find apps libs -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents -t /manifests {} + \
 && cp --parents -t /manifests e2e/package.json bench/package.json

FROM base AS build
WORKDIR /src
ENV CI=true PNPM_CONFIG_STORE_DIR=/pnpm/store
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,id=event-shop-pnpm-store,target=/pnpm/store ./shop setup install
COPY . .
RUN ./shop setup build

FROM build AS deploy
ARG APP
RUN test -n "$APP" || { echo "build with --build-arg APP=<one of: $(ls apps | tr '\n' ' ')>" >&2; exit 1; }
RUN --mount=type=cache,id=event-shop-pnpm-store,target=/pnpm/store infra/image/deploy-app.sh "$APP" /image
WORKDIR /image/apps/${APP}
# Prisma keeps its downloads in ~/.cache/prisma: one download serves every app's build.
RUN --mount=type=cache,id=event-shop-prisma-engines,target=/root/.cache/prisma node ../../tools/prisma/download-engine.mjs

FROM base AS app
ARG APP
COPY --from=deploy /image/ /shop/
WORKDIR /shop/apps/${APP}
# NODE_OPTIONS: the flags ./shop up runs the apps with (SHOP_NODE_OPTIONS in infra/lib/services.sh);
# MALLOC_ARENA_MAX and NODE_COMPILE_CACHE: the environment it runs them with (SHOP_APP_PROCESS_ENV),
# the cache in the container's own /tmp.
# SHOP_PRISMA_MIGRATE=cli: migrations always go through Prisma's own CLI and engine here.
ENV NODE_OPTIONS="--disable-warning=TimeoutNegativeWarning --max-semi-space-size=2 --max-old-space-size=512" \
    MALLOC_ARENA_MAX=2 \
    NODE_COMPILE_CACHE=/tmp/node-compile-cache \
    SHOP_PRISMA_MIGRATE=cli \
    CHECKPOINT_DISABLE=1
USER node
CMD ["/shop/entrypoint.sh"]
