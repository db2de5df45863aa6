#!/usr/bin/env bash
# docker-compose's PostgreSQL init step: the same roles and databases as the native run.
set -euo pipefail
source /shop/infra/env.sh
for service in "${SHOP_SERVICES[@]}"; do
  psql -X -q -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
    -v role="$(service_db_name "$service")" -v db="$(service_db_name "$service")" \
    -v password="$(service_db_password "$service")" -f /shop/infra/postgres/provision-service.sql
done
