#!/usr/bin/env bash
# System packages the tests need (Qt's offscreen platform libraries, poppler for page
# images, PostgreSQL for the district side, Xvfb and what Qt's xcb platform needs for the
# real-window check), then a PostgreSQL server on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(postgresql libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
          poppler-utils fonts-dejavu-core
          xvfb xauth libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
          libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
          libxcb-xkb1)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1
done
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='ewarong'\"" | grep -q 1 ||
  su postgres -c "psql -q -c \"CREATE ROLE ewarong LOGIN PASSWORD 'ewarong' CREATEDB\""
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='ewarong_test'\"" | grep -q 1 ||
  su postgres -c "psql -q -c \"CREATE DATABASE ewarong_test OWNER ewarong\""
echo "export EWARONG_TEST_PG_URL=postgresql+psycopg://ewarong:ewarong@127.0.0.1:5432/ewarong_test" > .ci/pg.env
