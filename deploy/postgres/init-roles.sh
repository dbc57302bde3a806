#!/bin/sh
# Runs once, when the postgres container initialises an empty volume (docker-entrypoint-initdb.d): the
# same three roles as the embedded database. `postgres` (POSTGRES_USER) administers only; wardroom_owner
# owns the database and runs migrations, restores and restore drills (CREATEDB, for the drills' scratch
# databases); wardroom_app is what the app connects as: the migration runner grants it ordinary reads and
# writes, only INSERT and SELECT on the audit tables, and no DDL (scripts/lib/db-roles.ts).
set -eu
: "${WARDROOM_OWNER_DB_PASSWORD:?set WARDROOM_OWNER_DB_PASSWORD}"
: "${WARDROOM_APP_DB_PASSWORD:?set WARDROOM_APP_DB_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$WARDROOM_OWNER_DB_PASSWORD" -v app_pw="$WARDROOM_APP_DB_PASSWORD" <<'SQL'
CREATE ROLE wardroom_owner LOGIN NOSUPERUSER CREATEDB NOCREATEROLE PASSWORD :'owner_pw';
CREATE ROLE wardroom_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_pw';
CREATE DATABASE wardroom OWNER wardroom_owner;
\connect wardroom
ALTER SCHEMA public OWNER TO wardroom_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
