#!/bin/sh
# The image's entrypoint: refuses to start without the settings a production instance needs, so that a
# missing DATABASE_URL never falls back to the embedded demo database inside a container, then runs the
# command (scripts/start.ts by default; scripts/db-migrate.ts or scripts/cli.ts for one-off tasks).
set -eu
missing=""
for name in DATABASE_URL NEXTAUTH_SECRET NEXTAUTH_URL; do
  eval "value=\${$name:-}"
  [ -n "$value" ] || missing="$missing $name"
done
if [ -n "$missing" ]; then
  echo "[wardroom] refusing to start: set$missing (see deploy/.env.example)" >&2
  exit 64
fi
exec "$@"
