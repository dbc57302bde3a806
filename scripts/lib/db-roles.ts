/**
 * Two database roles on PostgreSQL: the owner, which runs migrations and owns every object, and the runtime
 * role the app connects as, which may read and write ordinary tables but only INSERT and SELECT audit rows
 * and checkpoints, and can run no DDL (so it can neither TRUNCATE the audit trail nor disable its
 * triggers). The owner applies the grants after every migration and restore, idempotently, to the role
 * named by DATABASE_URL.
 */
import pg from 'pg'

/** Tables the runtime role may only append to and read. */
export const APPEND_ONLY_TABLES = ['AuditLog', 'AuditCheckpoint'] as const

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** The role a connection URL logs in as (what the server says, so PGUSER and defaults count too). */
export async function roleOf(client: pg.ClientBase): Promise<string> {
  const { rows } = await client.query<{ role: string }>('SELECT current_user AS role')
  return rows[0]!.role
}

/**
 * Objects in the public schema owned by `role`, given to the current user (the owner). Needs the current
 * user to be a superuser or a member of `role`; otherwise it fails with the statement to run by hand.
 */
async function takeOwnershipFrom(owner: pg.ClientBase, role: string, log: (m: string) => void): Promise<void> {
  const { rows } = await owner.query<{ stmt: string }>(
    `SELECT format('ALTER %s %I.%I OWNER TO CURRENT_USER',
                   CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                   n.nspname, c.relname) AS stmt
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)
       -- sequences owned by a column follow their table
       AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT format('ALTER FUNCTION %s OWNER TO CURRENT_USER', p.oid::regprocedure)
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND p.proowner = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
    [role],
  )
  if (rows.length === 0) return
  try {
    for (const { stmt } of rows) await owner.query(stmt)
  } catch (e) {
    throw new Error(
      `The runtime role ${role} owns ${rows.length} object(s) in the database (it ran the migrations before DATABASE_MIGRATE_URL was set), ` +
        `and the migration role cannot take them over (${(e as Error).message}). As a superuser run: REASSIGN OWNED BY ${quoteIdent(role)} TO <migration role>; then start again.`,
    )
  }
  log(`moved ownership of ${rows.length} database object(s) from the runtime role ${role} to the migration role`)
}

/**
 * Grants of the runtime role, applied by the owner (idempotent: safe on every start). Ordinary DML on every
 * table and use of every sequence; INSERT and SELECT only on the append-only tables; read-only migration
 * history; no CREATE in the schema; default privileges so tables the owner creates later are usable too.
 */
export async function applyRuntimeGrants(owner: pg.ClientBase, runtimeRole: string, log: (m: string) => void = () => {}): Promise<void> {
  const ownerRole = await roleOf(owner)
  if (ownerRole === runtimeRole) return
  const { rows } = await owner.query<{ rolsuper: boolean; rolcreaterole: boolean; rolbypassrls: boolean }>(
    'SELECT rolsuper, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = $1',
    [runtimeRole],
  )
  const role = rows[0]
  if (!role) throw new Error(`The runtime role ${runtimeRole} (the user of DATABASE_URL) does not exist`)
  if (role.rolsuper) log(`warning: the runtime role ${runtimeRole} is a superuser: privileges cannot protect the audit trail from it`)
  await takeOwnershipFrom(owner, runtimeRole, log)
  const r = quoteIdent(runtimeRole)
  const appendOnly = APPEND_ONLY_TABLES.map(quoteIdent).join(', ')
  await owner.query('BEGIN')
  try {
    // Only the schema's owner may revoke PUBLIC's CREATE (PostgreSQL < 15 grants it); others get a notice.
    await owner.query(`SET LOCAL client_min_messages = error`)
    await owner.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`)
    await owner.query(`REVOKE CREATE ON SCHEMA public FROM ${r}`)
    await owner.query(`GRANT USAGE ON SCHEMA public TO ${r}`)
    await owner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`)
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`)
    await owner.query(`REVOKE UPDATE, DELETE ON ${appendOnly} FROM ${r}`)
    await owner.query(`REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM ${r}`)
    await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`)
    await owner.query(`ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`)
    await owner.query(`ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER GRANT USAGE, SELECT ON SEQUENCES TO ${r}`)
    await owner.query('COMMIT')
  } catch (e) {
    await owner.query('ROLLBACK').catch(() => {})
    throw new Error(`Could not grant the runtime role ${runtimeRole} its privileges: ${(e as Error).message}`)
  }
}

/** Runs `fn` on a fresh connection to `url`, closed afterwards whatever happens. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}
