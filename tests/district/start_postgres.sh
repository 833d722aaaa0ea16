#!/usr/bin/env bash
# Start a throwaway PostgreSQL for tests/district/test_postgres.py (Debian's packages) and
# print the URL to export. For .ci/run:  export EWARONG_TEST_PG_URL=$(bash tests/district/start_postgres.sh)
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 || true  # already running is fine
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='ewarong'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE ewarong LOGIN PASSWORD 'ewarong'\"" >&2
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='ewarong_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O ewarong ewarong_test" >&2
echo "postgresql+psycopg://ewarong:ewarong@localhost/ewarong_test"
