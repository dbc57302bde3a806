/**
 * Logical backup and restore as one plain SQL file, for both the embedded PGlite (PostgreSQL 18, which
 * Debian's pg_dump 15 refuses) and an external PostgreSQL, while the server runs.
 *
 * The schema is not reverse-engineered from the catalog: it is the SQL of the migrations that
 * `_prisma_migrations` lists as applied, replayed in order, so a restored database is exactly what
 * `npm run db:migrate` would build. Rows follow as multi-row INSERTs in foreign-key order, read in one
 * REPEATABLE READ snapshot and written as each value's text form (which every type's input accepts back),
 * then the sequences. Triggers that fire on INSERT would run during a restore; the schema has none (the
 * AuditLog trigger refuses only UPDATE and DELETE).
 */
import type pg from 'pg'
import { CREATE_TABLE as MIGRATIONS_TABLE_DDL, listMigrations, MIGRATIONS_DIR } from '@/lib/migrations'
import { WARDROOM_VERSION } from '../version'
import { SqlSplitter, isTransactionControl, splitSql } from './sql-split'

export interface DumpSink {
  write(chunk: string): void | Promise<void>
}

export interface TableCount {
  table: string
  rows: number
}

export interface DumpResult {
  migrations: string[]
  tables: TableCount[]
}

export interface DumpOptions {
  log?: (message: string) => void
  migrationsDir?: string
  now?: Date
  /** Rows per INSERT statement (also capped at about 1 MB of SQL). */
  batchRows?: number
}

const MIGRATIONS_TABLE = '_prisma_migrations'
const MAX_STATEMENT_CHARS = 1 << 20

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`
export const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`

interface Column {
  name: string
  type: string
  identityAlways: boolean
}

interface Table {
  name: string
  columns: Column[]
  primaryKey: string[]
  /** A foreign key from this table to itself (a duplicate pointing at its original): rows go parents first. */
  selfReference?: SelfReference
}

interface SelfReference {
  column: string
  references: string
}

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint'])

/** A value's text form as a SQL literal: integers and booleans bare, everything else quoted. */
function literal(value: string | null, type: string): string {
  if (value === null) return 'NULL'
  if (INTEGER_TYPES.has(type)) return value
  if (type === 'boolean') return value === 'true' ? 'TRUE' : 'FALSE'
  return quoteLiteral(value)
}

async function readTables(client: pg.ClientBase): Promise<Table[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
  )
  const { rows: columns } = await client.query<{ table: string; name: string; type: string; identity: string }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attidentity::text AS identity
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`,
  )
  const { rows: keys } = await client.query<{ table: string; columns: string[] }>(
    `SELECT c.relname AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE n.nspname = 'public' AND i.indisprimary GROUP BY c.relname`,
  )
  const pk = new Map(keys.map((k) => [k.table, k.columns]))
  return tables.map((t) => ({
    name: t.name,
    columns: columns.filter((c) => c.table === t.name).map((c) => ({ name: c.name, type: c.type, identityAlways: c.identity === 'a' })),
    primaryKey: pk.get(t.name) ?? [],
  }))
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
export function foreignKeyOrder(tables: string[], edges: { child: string; parent: string }[], log: (m: string) => void = () => {}): string[] {
  const parents = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const e of edges) if (e.child !== e.parent && parents.has(e.parent)) parents.get(e.child)?.add(e.parent)
  const ordered: string[] = []
  const done = new Set<string>()
  const remaining = [...tables].sort()
  while (remaining.length) {
    const next = remaining.findIndex((t) => [...parents.get(t)!].every((p) => done.has(p)))
    if (next === -1) {
      log(`warning: foreign keys form a cycle among ${remaining.join(', ')}; their rows are written in name order`)
      ordered.push(...remaining)
      break
    }
    const [t] = remaining.splice(next, 1)
    ordered.push(t!)
    done.add(t!)
  }
  return ordered
}

async function readForeignKeys(client: pg.ClientBase): Promise<{ child: string; parent: string }[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint f
     JOIN pg_class ch ON ch.oid = f.conrelid JOIN pg_namespace n ON n.oid = ch.relnamespace
     JOIN pg_class pa ON pa.oid = f.confrelid
     WHERE f.contype = 'f' AND n.nspname = 'public'`,
  )
  return rows
}

/** Single-column foreign keys from a table to itself, by table (the first one when a table has several). */
async function readSelfReferences(client: pg.ClientBase, log: (m: string) => void): Promise<Map<string, SelfReference>> {
  const { rows } = await client.query<{ table: string; column: string; references: string }>(
    `SELECT c.relname AS table, a.attname AS column, r.attname AS references FROM pg_constraint f
     JOIN pg_class c ON c.oid = f.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[1]
     JOIN pg_attribute r ON r.attrelid = f.confrelid AND r.attnum = f.confkey[1]
     WHERE f.contype = 'f' AND n.nspname = 'public' AND f.conrelid = f.confrelid AND cardinality(f.conkey) = 1
     ORDER BY c.relname, f.conname`,
  )
  const refs = new Map<string, SelfReference>()
  for (const r of rows) {
    if (refs.has(r.table)) log(`warning: ${r.table} refers to itself more than once; rows follow ${refs.get(r.table)!.column} only`)
    else refs.set(r.table, { column: r.column, references: r.references })
  }
  return refs
}

/**
 * The query of a table's rows. A table that refers to itself lists every row after the row it points to
 * (depth in the reference tree, then key), because a restore's INSERTs check each batch's keys at once; a
 * row on a reference cycle (only possible through later UPDATEs) comes last and makes the restore fail loudly
 * rather than go missing.
 */
export function rowsQuery(table: Table): string {
  const select = table.columns.map((c) => `t.${quoteIdent(c.name)}::text`).join(', ')
  const keyOrder = table.primaryKey.map((k) => `t.${quoteIdent(k)}`).join(', ')
  const from = `public.${quoteIdent(table.name)}`
  const ref = table.selfReference
  if (!ref) return `SELECT ${select} FROM ${from} t${keyOrder ? ` ORDER BY ${keyOrder}` : ''}`
  const col = quoteIdent(ref.column)
  const key = quoteIdent(ref.references)
  return (
    `WITH RECURSIVE wardroom_depth (k, d) AS (` +
    `SELECT ${key}, 0 FROM ${from} WHERE ${col} IS NULL OR ${col} = ${key} ` +
    `UNION ALL SELECT c.${key}, p.d + 1 FROM ${from} c JOIN wardroom_depth p ON c.${col} = p.k WHERE c.${col} <> c.${key}) ` +
    `SELECT ${select} FROM ${from} t LEFT JOIN wardroom_depth w ON w.k = t.${key} ORDER BY w.d NULLS LAST${keyOrder ? `, ${keyOrder}` : ''}`
  )
}

async function appliedMigrations(client: pg.ClientBase, dir: string, log: (m: string) => void) {
  const { rows: exists } = await client.query<{ ok: boolean }>(`SELECT to_regclass('public.${MIGRATIONS_TABLE}') IS NOT NULL AS ok`)
  if (!exists[0]?.ok) throw new Error('The database has no migration history (_prisma_migrations): there is nothing to back up.')
  const { rows } = await client.query<{ name: string; checksum: string }>(
    `SELECT DISTINCT ON (migration_name) migration_name AS name, checksum FROM "${MIGRATIONS_TABLE}"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name, started_at DESC`,
  )
  const files = new Map(listMigrations(dir).map((f) => [f.name, f]))
  return rows.map((r) => {
    const file = files.get(r.name)
    if (!file) throw new Error(`Migration ${r.name} is applied in the database but missing from ${dir}: cannot write the schema.`)
    if (file.checksum !== r.checksum) log(`warning: migration ${r.name} was edited after it was applied; the backup uses the file as it is now`)
    return file
  })
}

function header(now: Date, serverVersion: string, migrations: string[]): string {
  return [
    '-- Wardroom database backup (plain SQL)',
    `-- created:    ${now.toISOString()}`,
    `-- version:    Wardroom ${WARDROOM_VERSION}`,
    `-- server:     PostgreSQL ${serverVersion}`,
    `-- migrations: ${migrations.join(', ') || '(none)'}`,
    '-- restore:    npm run db:restore -- <this file>',
    '--             or: psql -v ON_ERROR_STOP=1 -f <this file> <database>   (replaces the schema "public")',
    '',
    "SET client_encoding = 'UTF8';",
    'SET standard_conforming_strings = on;',
    'SET client_min_messages = warning;',
    "SET TimeZone = 'UTC';",
    "SET DateStyle = 'ISO, YMD';",
    "SET IntervalStyle = 'postgres';",
    '',
    'BEGIN;',
    '',
    'DROP SCHEMA IF EXISTS public CASCADE;',
    'CREATE SCHEMA public;',
    'SET search_path = public, pg_catalog;',
    '',
  ].join('\n')
}

/** Ends a migration's SQL with a terminated statement, so the next one cannot run into it. */
function terminated(sql: string): string {
  const statements = splitSql(sql)
  const last = statements[statements.length - 1]
  return last && !last.endsWith(';') ? `${sql.trimEnd()}\n;\n` : `${sql.trimEnd()}\n`
}

async function dumpRows(client: pg.ClientBase, table: Table, sink: DumpSink, batchRows: number): Promise<number> {
  const cols = table.columns
  const insert =
    `INSERT INTO public.${quoteIdent(table.name)} (${cols.map((c) => quoteIdent(c.name)).join(', ')})` +
    (cols.some((c) => c.identityAlways) ? ' OVERRIDING SYSTEM VALUE' : '') +
    ' VALUES\n'
  await client.query(`DECLARE wardroom_dump NO SCROLL CURSOR FOR ${rowsQuery(table)}`)
  let count = 0
  // An error aborts the transaction; the caller's ROLLBACK closes the cursor then.
  for (;;) {
    const { rows } = await client.query<(string | null)[]>({ text: `FETCH ${batchRows} FROM wardroom_dump`, rowMode: 'array' })
    if (rows.length === 0) break
    let tuples: string[] = []
    let size = 0
    const flush = async () => {
      if (tuples.length) await sink.write(`${insert}${tuples.join(',\n')};\n`)
      tuples = []
      size = 0
    }
    for (const row of rows) {
      const tuple = `(${row.map((v, i) => literal(v, cols[i]!.type)).join(', ')})`
      if (size + tuple.length > MAX_STATEMENT_CHARS) await flush()
      tuples.push(tuple)
      size += tuple.length + 2
    }
    await flush()
    count += rows.length
  }
  await client.query('CLOSE wardroom_dump')
  return count
}

/**
 * Partitions are made at run time (analytics events: one per month, by a job), never by a migration, so
 * the schema the migrations build has none: each is written out with its bounds before the data goes in.
 */
async function dumpPartitions(client: pg.ClientBase, sink: DumpSink): Promise<void> {
  const { rows } = await client.query<{ name: string; parent: string; bound: string }>(
    `SELECT c.relname AS name, p.relname AS parent, pg_get_expr(c.relpartbound, c.oid) AS bound
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
     WHERE n.nspname = 'public' AND c.relispartition AND c.relkind IN ('r', 'p') ORDER BY p.relname, c.relname`,
  )
  if (rows.length === 0) return
  await sink.write('-- Partitions\n')
  for (const r of rows) await sink.write(`CREATE TABLE public.${quoteIdent(r.name)} PARTITION OF public.${quoteIdent(r.parent)} ${r.bound};\n`)
  await sink.write('\n')
}

async function dumpSequences(client: pg.ClientBase, sink: DumpSink): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  )
  for (const { name } of rows) {
    const { rows: state } = await client.query<{ last: string; called: boolean }>(
      `SELECT last_value::text AS last, is_called AS called FROM public.${quoteIdent(name)}`,
    )
    const s = state[0]!
    await sink.write(`SELECT pg_catalog.setval(${quoteLiteral(`public.${quoteIdent(name)}`)}, ${s.last}, ${s.called});\n`)
  }
}

/**
 * Writes the whole database as plain SQL to `sink`. Runs in a read-only REPEATABLE READ transaction on
 * `client`, so the rows of all tables come from one consistent moment while the server keeps writing.
 */
export async function dumpDatabase(client: pg.ClientBase, sink: DumpSink, opts: DumpOptions = {}): Promise<DumpResult> {
  const log = opts.log ?? (() => {})
  const batchRows = opts.batchRows ?? 500
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    // Session settings that make every value's text form unambiguous and exact.
    await client.query(`SET LOCAL TimeZone = 'UTC'`)
    await client.query(`SET LOCAL DateStyle = 'ISO, YMD'`)
    await client.query(`SET LOCAL IntervalStyle = 'postgres'`)
    await client.query('SET LOCAL extra_float_digits = 3')
    const migrations = await appliedMigrations(client, opts.migrationsDir ?? MIGRATIONS_DIR, log)
    const { rows: version } = await client.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version'])
    const tables = await readTables(client)
    const order = foreignKeyOrder(
      tables.map((t) => t.name).filter((t) => t !== MIGRATIONS_TABLE),
      await readForeignKeys(client),
      log,
    )
    const selfRefs = await readSelfReferences(client, log)
    const byName = new Map(tables.map((t) => [t.name, { ...t, selfReference: selfRefs.get(t.name) }]))

    await sink.write(header(opts.now ?? new Date(), (version[0]?.v ?? '?').split(' ')[0]!, migrations.map((m) => m.name)))
    await sink.write(`\n-- Schema: the applied migrations, in order\n${MIGRATIONS_TABLE_DDL};\n\n`)
    for (const m of migrations) await sink.write(`-- Migration ${m.name}\n${terminated(m.sql)}\n`)
    await dumpPartitions(client, sink)

    const counts: TableCount[] = []
    for (const name of [MIGRATIONS_TABLE, ...order]) {
      const table = byName.get(name)!
      await sink.write(`-- Data of ${quoteIdent(name)}\n`)
      counts.push({ table: name, rows: await dumpRows(client, table, sink, batchRows) })
    }
    await sink.write('\n-- Sequences\n')
    await dumpSequences(client, sink)
    await sink.write(`\nCOMMIT;\n\n-- rows: ${counts.map((c) => `${c.table} ${c.rows}`).join(', ')}\n`)
    await client.query('COMMIT')
    return { migrations: migrations.map((m) => m.name), tables: counts }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  }
}

/** The dump as one string (tests, small databases). */
export async function dumpToString(client: pg.ClientBase, opts: DumpOptions = {}): Promise<DumpResult & { sql: string }> {
  const parts: string[] = []
  const result = await dumpDatabase(client, { write: (c) => void parts.push(c) }, opts)
  return { ...result, sql: parts.join('') }
}

export interface RestoreOptions {
  /** SQL characters sent per round trip (statements are never split). */
  batchChars?: number
}

/**
 * Runs a backup against `client` in one transaction: every statement applies, or none does. The file's own
 * BEGIN/COMMIT are replaced by this transaction. Statements are split with SqlSplitter and sent in batches
 * over the simple-query protocol.
 */
export async function restoreDatabase(
  client: pg.ClientBase,
  source: string | AsyncIterable<string>,
  opts: RestoreOptions = {},
): Promise<{ statements: number }> {
  const batchChars = opts.batchChars ?? 4 << 20
  const splitter = new SqlSplitter()
  let batch: string[] = []
  let size = 0
  let statements = 0
  const flush = async () => {
    if (batch.length) await client.query(batch.join('\n'))
    batch = []
    size = 0
  }
  const take = async (list: string[]) => {
    for (const s of list) {
      if (isTransactionControl(s)) continue
      batch.push(s)
      size += s.length
      statements++
      if (size >= batchChars) await flush()
    }
  }
  await client.query('BEGIN')
  try {
    if (typeof source === 'string') await take(splitter.push(source))
    else for await (const chunk of source) await take(splitter.push(chunk))
    await take(splitter.end())
    await flush()
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  }
  return { statements }
}

/** Row counts of every table in the schema, by name. */
export async function countTableRows(client: pg.ClientBase): Promise<TableCount[]> {
  const tables = await readTables(client)
  const counts: TableCount[] = []
  for (const t of tables) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM public.${quoteIdent(t.name)}`)
    counts.push({ table: t.name, rows: Number(rows[0]!.n) })
  }
  return counts
}

/** backups/wardroom-2026-11-25T04-56-57Z.sql */
export function defaultBackupFile(now = new Date(), dir = 'backups'): string {
  return `${dir}/wardroom-${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.sql`
}
