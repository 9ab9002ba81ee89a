#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster (Debian's binaries), with DATABASE_URL set.
# Used by CI to cover PostgreSQL 15 next to the embedded PostgreSQL 18 of the default test run.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL 15 binaries not found; installing postgresql-15" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
dir=$(mktemp -d /tmp/aether-pg15.XXXXXX)
chmod 0777 "$dir"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
as_postgres "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
cleanup() { as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
echo "PostgreSQL 15 on 127.0.0.1:$port" >&2
DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" "$@"
