/**
 * `npm run db:restore -- <file> [--yes] [--no-checksum]`: replaces the whole database with a backup, in one
 * transaction (all or nothing): a plain `.sql` from db:backup or a `.sql.gz` of the db-backup job. The
 * file's SHA-256 is checked first against the checksum recorded beside it (`<file>.json` or `<file>.sha256`);
 * a file that does not match is refused before the database is touched, and one with no recorded checksum
 * only with --no-checksum. Works on the embedded database while the server runs; an external DATABASE_URL
 * needs --yes.
 */
import { createReadStream, existsSync } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { PassThrough } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { verifyAuditChain, writeAuditCheckpoint } from '@/lib/audit-verify'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { connectForTool, grantRuntimeRole } from './lib/database'
import { countTableRows, restoreDatabase } from '../lib/admin/backup'

import { configuredAnchor } from '../lib/audit-anchor'
import { describeVerdict, verifyDumpChecksum } from '../lib/backups/checksum'
import { closeDb } from '../lib/db'

const USAGE = 'usage: npm run db:restore -- <backup.sql|backup.sql.gz> [--yes] [--no-checksum]'

/** The dump's SQL as text; a .gz file is decompressed as it is read. */
function sqlOf(file: string): AsyncIterable<string> {
  if (!file.endsWith('.gz')) return createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })
  const out = new PassThrough({ encoding: 'utf8' })
  pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), createGunzip(), out).catch(() => undefined)
  return out
}

async function main(): Promise<number> {
  let file: string | undefined
  let yes = false
  let noChecksum = false
  try {
    const parsed = parseArgs({ allowPositionals: true, options: { yes: { type: 'boolean', short: 'y' }, 'no-checksum': { type: 'boolean' } } })
    ;[file] = parsed.positionals
    yes = parsed.values.yes ?? false
    noChecksum = parsed.values['no-checksum'] ?? false
    if (!file || parsed.positionals.length > 1) throw new Error('Give exactly one backup file.')
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`)
    return 2
  }
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`)
    return 2
  }
  // Before anything else: a damaged or altered dump must not replace a working database.
  const verdict = await verifyDumpChecksum(file)
  if (verdict.ok) console.log(describeVerdict(verdict))
  else if (verdict.reason === 'missing' && noChecksum) console.error(`warning: ${describeVerdict(verdict)}; restoring unverified (--no-checksum)`)
  else {
    const hint = verdict.reason === 'missing' ? ' Restore it anyway only if you trust it: add --no-checksum.' : ''
    console.error(`refusing to restore ${file}: ${describeVerdict(verdict)}. Nothing was changed.${hint}`)
    return 1
  }
  const conn = await connectForTool((m) => console.error(m))
  // The restore replaces the schema: it runs as the owner, then grants the runtime role its privileges again.
  const client = new pg.Client({ connectionString: conn.migrateUrl, application_name: 'wardroom-restore' })
  try {
    if (!conn.embedded && !yes) {
      console.error('DATABASE_URL is set: refusing to replace an external database without --yes (npm run db:restore -- <file> --yes).')
      return 2
    }
    await client.connect()
    const t0 = Date.now()
    let statements: number
    try {
      ;({ statements } = await restoreDatabase(client, sqlOf(file)))
    } catch (e) {
      console.error(`restore failed, nothing was changed: ${e instanceof Error ? e.message : String(e)}`)
      return 1
    }
    for (const t of await countTableRows(client)) console.log(`  ${t.table.padEnd(24)} ${String(t.rows).padStart(9)} rows`)
    console.log(`restored ${file}: ${statements} statements in ${Date.now() - t0} ms`)
    await grantRuntimeRole(conn, (m) => console.error(m))
    // The restored trail may end before the last checkpoint (an older backup): a signed `restore`
    // checkpoint of its head starts verification over from here, and stays on record in the anchor file.
    const anchor = configuredAnchor()
    if (anchor.key) {
      try {
        const c = await writeAuditCheckpoint({ kind: 'restore', anchor })
        console.log(`audit checkpoint of the restored trail: ${c.rowCount} rows up to entry ${c.lastId}`)
      } catch (e) {
        // A backup older than the checkpoint table: the next start migrates it; the file line is written.
        console.error(`warning: the restore checkpoint could not be stored in the database (${e instanceof Error ? e.message : String(e)})`)
      }
    } else {
      console.error('warning: no audit key is configured (WARDROOM_AUDIT_KEY): the restore is not recorded as an audit checkpoint')
    }
    const audit = await verifyAuditChain()
    if (!audit.ok) {
      console.error(`warning: the restored audit chain is broken at row ${audit.brokenAt?.id} (${audit.brokenAt?.reason})`)
      return 1
    }
    console.log(`audit chain intact: ${audit.checked} rows`)
    return 0
  } catch (e) {
    console.error(`restore failed: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  } finally {
    await client.end().catch(() => {})
    await closeDb()
    await conn.close()
  }
}

process.exitCode = await main()
