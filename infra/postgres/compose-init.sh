#!/usr/bin/env bash
# docker-compose's one-shot `databases` service: the same roles and databases as
# the native run, on every `up` (idempotent), for every service of apps/ that
# has a database (all but those whose package.json says "database": false).
# Connects with PGHOST/PGUSER/PGPASSWORD (PGPORT). e2e/compose runs it natively too.
set -euo pipefail
infra="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$infra/env.sh"
for service in "${SHOP_DATABASE_SERVICES[@]}"; do
  psql -X -q -v ON_ERROR_STOP=1 -d postgres \
    -v role="$(service_db_name "$service")" -v db="$(service_db_name "$service")" \
    -v password="$(service_db_password "$service")" -f "$infra/postgres/provision-service.sql"
done
echo "databases: ${SHOP_DATABASE_SERVICES[*]}"
