/**
 * `npm run db:restore -- <file> [--yes]`: replaces the whole database with a backup from db:backup, in one
 * transaction (all or nothing). Works on the embedded database while the server runs; an external
 * DATABASE_URL needs --yes.
 */
import { createReadStream, existsSync } from 'node:fs'
import { verifyAuditChain, writeAuditCheckpoint } from '@/lib/audit-verify'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { connectForTool, grantRuntimeRole } from './lib/database'
import { countTableRows, restoreDatabase } from '../lib/admin/backup'

import { configuredAnchor } from '../lib/audit-anchor'
import { closeDb } from '../lib/db'

const USAGE = 'usage: npm run db:restore -- <backup.sql> [--yes]'

async function main(): Promise<number> {
  let file: string | undefined
  let yes = false
  try {
    const parsed = parseArgs({ allowPositionals: true, options: { yes: { type: 'boolean', short: 'y' } } })
    ;[file] = parsed.positionals
    yes = parsed.values.yes ?? false
    if (!file || parsed.positionals.length > 1) throw new Error('Give exactly one backup file.')
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`)
    return 2
  }
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`)
    return 2
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
      ;({ statements } = await restoreDatabase(client, createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })))
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
