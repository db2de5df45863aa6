#!/bin/sh
# The command of an app's image (Dockerfile), run in the app's folder. As
# ./shop up does: apply the app's committed migrations (tools/prisma/migrate.mjs,
# which the image makes Prisma's own `migrate deploy` with SHOP_PRISMA_MIGRATE=cli;
# for an app without a database, "database": false in its package.json, it says
# there is nothing to migrate), then start the app. `exec`: the app replaces this
# shell, so the stop signal (SIGTERM, forwarded by the container's init) reaches
# its graceful shutdown.
set -eu
node ../../tools/prisma/migrate.mjs
exec node dist/main.bundle.mjs
