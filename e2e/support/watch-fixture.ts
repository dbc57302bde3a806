/**
 * Makes a watched change in the e2e server's database the way the competitor-watch job does: a new watched
 * page `{ label }` of the seed competitor `{ product }`, served by a local HTTP server on 127.0.0.1
 * (allow-listed for this process only: WARDROOM_OUTBOUND_ALLOW), checked once for the baseline, then changed
 * and checked again — one pending change with its diff. A seed competitor rather than a new one, so the
 * matrix keeps its columns for the layout sweep. `node --import tsx e2e/support/watch-fixture.ts '<json>'`.
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { connectForTool } from '../../scripts/lib/database'

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../test/fixtures/competitors', name), 'utf8')

async function main(): Promise<void> {
  const { product, label } = JSON.parse(process.argv[2] ?? '{}') as { product: string; label: string }
  const conn = await connectForTool()
  const { db, closeDb } = await import('../../lib/db')
  const { systemActor } = await import('../../lib/auth/actor')
  const { addWatchSource } = await import('../../lib/competitors/watch-commands')
  const { checkWatchSource } = await import('../../lib/competitors/watch')
  let page = fixture('release-notes-v1.html')
  const server = http.createServer((_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(page))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const actor = systemActor('competitor-watch')
    const competitor = await db.competitor.findUniqueOrThrow({ where: { key: product } })
    const port = (server.address() as AddressInfo).port
    const { id } = await addWatchSource(actor, { competitorId: competitor.id, url: `http://127.0.0.1:${port}/${encodeURIComponent(label)}`, kind: 'page', label })
    const first = await checkWatchSource(actor, id)
    page = fixture('release-notes-v2.html')
    const second = await checkWatchSource(actor, id)
    if (first !== 'baseline' || second !== 'changed') throw new Error(`expected baseline then changed, got ${first} then ${second}`)
  } finally {
    server.close()
    await closeDb()
    await conn.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
