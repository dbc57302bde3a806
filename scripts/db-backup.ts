/**
 * `npm run db:backup [-- --out FILE]`: a plain SQL backup of the whole database (embedded or external),
 * also while the server runs. Default file: backups/wardroom-<timestamp>.sql; `--out -` writes to stdout.
 * The file holds password and API-key hashes: it is created readable by its owner only. Its SHA-256 goes
 * beside it in `<file>.sha256` (sha256sum format), which `npm run db:restore` checks before restoring.
 */
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import path from 'node:path'
import type { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { connectForTool } from './lib/database'
import { defaultBackupFile, dumpDatabase, type DumpSink } from '../lib/admin/backup'
import { runningSha256, sha256SidecarLine } from '../lib/backups/checksum'

function sinkOf(stream: Writable, sha: ReturnType<typeof runningSha256>): DumpSink {
  return {
    async write(chunk) {
      sha.update(Buffer.from(chunk, 'utf8'))
      if (!stream.write(chunk)) await once(stream, 'drain')
    },
  }
}

async function main(): Promise<number> {
  let out: string | undefined
  try {
    ;({ values: { out } } = parseArgs({ options: { out: { type: 'string', short: 'o' } } }))
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npm run db:backup [-- --out FILE]`)
    return 2
  }
  const toStdout = out === '-'
  const file = toStdout ? null : path.resolve(out ?? defaultBackupFile())
  const conn = await connectForTool((m) => console.error(m))
  const client = new pg.Client({ connectionString: conn.url, application_name: 'wardroom-backup' })
  const partial = file ? `${file}.partial` : null
  try {
    await client.connect()
    let stream: Writable = process.stdout
    if (file && partial) {
      mkdirSync(path.dirname(file), { recursive: true })
      stream = createWriteStream(partial, { mode: 0o600 })
    }
    const sha = runningSha256()
    const result = await dumpDatabase(client, sinkOf(stream, sha), { log: (m) => console.error(m) })
    if (file && partial) {
      stream.end()
      await once(stream, 'finish')
      renameSync(partial, file)
      writeFileSync(`${file}.sha256`, sha256SidecarLine(sha.hex(), file), { mode: 0o600 })
    }
    const log = toStdout ? console.error : console.log
    for (const t of result.tables) log(`  ${t.table.padEnd(24)} ${String(t.rows).padStart(9)} rows`)
    log(`backup of ${result.tables.length} tables (${result.migrations.length} migrations) written to ${file ?? 'stdout'}`)
    return 0
  } catch (e) {
    if (partial) rmSync(partial, { force: true })
    console.error(`backup failed: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  } finally {
    await client.end().catch(() => {})
    await conn.close()
  }
}

process.exitCode = await main()
