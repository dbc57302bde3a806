/**
 * The competitor watch against a local HTTP server (127.0.0.1, random port, allow-listed for the test)
 * serving the fixture pages and feeds: baseline, a changed page becomes one pending change with its diff,
 * a second run records nothing, failures are recorded on their source without stopping the others; then
 * the review: accept into a cell (evidence and cell follow), as a price, as a SWOT item, dismiss; viewers 403.
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actorOfUser, systemActor, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { setOutboundAllowListForTests } from '@/lib/http/outbound'
import { seedCompetitors } from '@/lib/seed/competitors'
import { seedCompetitorWatch } from '@/lib/seed/competitor-watch'
import { competitorWatch } from '@/lib/jobs/competitor-watch'
import { createUser, uid } from '@/test/factories'
import { checkWatchSource, runCompetitorWatch } from './watch'
import { acceptChangeAsPrice, acceptChangeAsSwot, acceptChangeIntoCell, addWatchSource, dismissChange, removeWatchSource, setWatchSourceActive } from './watch-commands'

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../test/fixtures/competitors', name), 'utf8')

/** What the fixture server answers per path: [status, content type, body]. */
const routes = new Map<string, [number, string, string]>()
let server: http.Server
let base: string
let pm: Actor
let viewer: Actor
const watcher = systemActor('competitor-watch')

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const route = routes.get(req.url ?? '')
    if (!route) return void res.writeHead(404).end('not found')
    const [status, type, body] = route
    res.writeHead(status, status >= 300 && status < 400 ? { location: body } : { 'content-type': type }).end(status >= 300 && status < 400 ? '' : body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  setOutboundAllowListForTests('127.0.0.1')
  pm = actorOfUser(await createUser('pm'))
  viewer = actorOfUser(await createUser('viewer'))
  await seedCompetitors()
  await seedCompetitorWatch()
})
afterAll(async () => {
  setOutboundAllowListForTests(null)
  await new Promise((resolve) => server.close(resolve))
})

const refusal = (p: Promise<unknown>) => p.then(() => ({ status: 0, message: '' }), (e: { status: number; message: string }) => ({ status: e.status, message: e.message }))

async function rivalWithSource(kind: 'page' | 'feed', route: string, body: [number, string, string]) {
  const rival = await db.competitor.create({ data: { key: uid('rival').replace(/-/g, '_'), name: `Rival ${uid('r')}`, marketOverlap: 100 } })
  routes.set(route, body)
  const { id } = await addWatchSource(pm, { competitorId: rival.id, url: `${base}${route}`, kind, label: `${kind} of ${rival.name}` })
  return { rival, sourceId: id }
}

const html = (name: string): [number, string, string] => [200, 'text/html; charset=utf-8', fixture(name)]
const rss = (name: string): [number, string, string] => [200, 'application/rss+xml', fixture(name)]

describe('the demo', () => {
  it('watches each seed competitor’s newsroom and has one illustrative change waiting, once', async () => {
    const logs: string[] = []
    await seedCompetitorWatch((m) => logs.push(m))
    expect(logs).toEqual(['competitor watch: demo already there'])
    const epic = await db.competitor.findUniqueOrThrow({ where: { key: 'epic_systems' } })
    const sources = await db.competitorWatchSource.findMany({ where: { competitor: { key: { in: ['epic_systems', 'cerner', 'allscripts', 'meditech'] } }, createdBy: 'demo seed' } })
    expect(sources).toHaveLength(4)
    const change = await db.competitorWatchChange.findFirstOrThrow({ where: { competitorId: epic.id, source: { createdBy: 'demo seed' } } })
    expect(change).toMatchObject({ summary: '2 lines added, 1 removed' })
    expect(change.excerpt).toContain('illustrative demo change')
  })
})

describe('competitor-watch job', () => {
  it('takes a baseline, records one pending change with its diff when the page changes, and nothing on a second run', async () => {
    const route = `/${uid('notes')}`
    const { rival, sourceId } = await rivalWithSource('page', route, html('release-notes-v1.html'))
    expect(await checkWatchSource(watcher, sourceId)).toBe('baseline')
    expect(await db.competitorWatchChange.count({ where: { sourceId } })).toBe(0)
    expect(await db.competitorWatchSnapshot.findUniqueOrThrow({ where: { sourceId } })).toMatchObject({ text: expect.stringContaining('pilot with ten sites') })
    expect(await checkWatchSource(watcher, sourceId)).toBe('unchanged')

    routes.set(route, html('release-notes-v2.html'))
    expect(await checkWatchSource(watcher, sourceId)).toBe('changed')
    expect(await checkWatchSource(watcher, sourceId)).toBe('unchanged')
    const changes = await db.competitorWatchChange.findMany({ where: { sourceId } })
    expect(changes).toHaveLength(1)
    const change = changes[0]!
    expect(change).toMatchObject({ status: 'pending', competitorId: rival.id, summary: '3 lines added, 1 removed' })
    const diff = change.diff as { added: string[]; removed: string[] }
    expect(diff.added).toContain('* Ambient documentation: generally available for all specialties.')
    expect(diff.removed).toEqual(['* Ambient documentation: pilot with ten sites.'])
    // Free text is redacted before it is stored: the diff, the excerpt and the snapshot.
    for (const text of [JSON.stringify(change.diff), change.excerpt, (await db.competitorWatchSnapshot.findUniqueOrThrow({ where: { sourceId } })).text]) {
      expect(text).not.toContain('555-123-4567')
      expect(text).not.toContain('John Smith')
    }
    expect(await db.auditLog.count({ where: { action: 'competitor.watch.change', targetId: sourceId } })).toBe(1)
  })

  it('records a feed’s new items', async () => {
    const route = `/${uid('news')}.xml`
    const { sourceId } = await rivalWithSource('feed', route, rss('news-v1.xml'))
    expect(await checkWatchSource(watcher, sourceId)).toBe('baseline')
    routes.set(route, rss('news-v2.xml'))
    expect(await checkWatchSource(watcher, sourceId)).toBe('changed')
    const change = await db.competitorWatchChange.findFirstOrThrow({ where: { sourceId } })
    expect(change.summary).toBe('1 new item')
    expect(change.items).toEqual([{ title: 'New pricing: ambient documentation per clinician', url: 'https://vendor.example/news/pricing', publishedAt: '2026-12-03', summary: 'From $150 to $200 per clinician and month.' }])
  })

  it('records failures on their source and goes on with the others; the run counts checked, changed and failed', async () => {
    // Earlier tests' sources are checked too: park them so the counts below are this test's.
    await db.competitorWatchSource.updateMany({ data: { active: false } })
    const good = `/${uid('good')}`
    const { sourceId: goodId } = await rivalWithSource('page', good, html('release-notes-v1.html'))
    const { sourceId: missingId } = await rivalWithSource('page', `/${uid('gone')}`, [404, 'text/plain', 'gone'])
    const { sourceId: notFeedId } = await rivalWithSource('feed', `/${uid('notfeed')}`, html('release-notes-v1.html'))
    const { sourceId: movedId } = await rivalWithSource('page', `/${uid('moved')}`, [301, '', good])
    const { rival } = await rivalWithSource('page', `/${uid('x')}`, html('release-notes-v1.html'))
    const blocked = await addWatchSource(pm, { competitorId: rival.id, url: 'http://10.255.255.1/internal', kind: 'page' })

    const ctx = { now: new Date(), log: undefined as never, signal: new AbortController().signal }
    expect(await competitorWatch.run(ctx)).toEqual({ checked: 6, baseline: 3, unchanged: 0, changed: 0, failed: 3 })
    const byId = async (id: string) => db.competitorWatchSource.findUniqueOrThrow({ where: { id } })
    expect(await byId(missingId)).toMatchObject({ lastStatus: 'failed', lastError: 'The server answered HTTP 404', failures: 1 })
    expect(await byId(notFeedId)).toMatchObject({ lastStatus: 'failed', lastError: 'Not an RSS or Atom feed' })
    expect(await byId(blocked.id)).toMatchObject({ lastStatus: 'failed', lastError: 'Refused by policy' })
    expect(await byId(movedId)).toMatchObject({ lastStatus: 'baseline', lastError: null })
    expect(await byId(goodId)).toMatchObject({ lastStatus: 'baseline', failures: 0 })

    routes.set(good, html('release-notes-v2.html'))
    expect(await competitorWatch.run(ctx)).toEqual({ checked: 6, baseline: 0, unchanged: 1, changed: 2, failed: 3 })
    expect(await byId(missingId)).toMatchObject({ failures: 2 })
  })
})

async function pendingChange() {
  const route = `/${uid('p')}`
  const { rival, sourceId } = await rivalWithSource('page', route, html('release-notes-v1.html'))
  await checkWatchSource(watcher, sourceId)
  routes.set(route, html('release-notes-v2.html'))
  await checkWatchSource(watcher, sourceId)
  const change = await db.competitorWatchChange.findFirstOrThrow({ where: { sourceId } })
  return { rival, sourceId, change }
}

describe('review queue', () => {
  it('accepts a change into a cell: evidence from the source with the excerpt as note, the cell updated, the change marked; twice is 409', async () => {
    const { rival, change } = await pendingChange()
    // A capability we cover fully: the rival leads nowhere, so the shared demo's threat links stay as they are.
    const capability = await db.capability.findUniqueOrThrow({ where: { key: 'sepsis_prediction' } })
    const r = await acceptChangeIntoCell(pm, { changeId: change.id, capabilityId: capability.id, status: 'full', confidence: 'high', version: 0 })
    expect(r).toMatchObject({ applied: true, status: 'full', version: 1 })
    const evidence = await db.competitorEvidence.findUniqueOrThrow({ where: { id: r.evidenceId } })
    expect(evidence).toMatchObject({ competitorId: rival.id, capabilityId: capability.id, kind: 'cell', status: 'full', confidence: 'high', sourceUrl: expect.stringContaining(base), observedAt: change.detectedAt })
    expect(evidence.note).toContain('generally available for all specialties')
    expect(await db.capabilityCell.findUniqueOrThrow({ where: { competitorId_capabilityId: { competitorId: rival.id, capabilityId: capability.id } } })).toMatchObject({ status: 'full', confidence: 'high', version: 1 })
    expect(await db.competitorWatchChange.findUniqueOrThrow({ where: { id: change.id } })).toMatchObject({ status: 'accepted', acceptedAs: 'cell', evidenceId: r.evidenceId, reviewedBy: expect.any(String) })
    expect(await db.auditLog.count({ where: { action: 'competitor.watch.accept', targetId: change.id } })).toBe(1)

    const again = await refusal(acceptChangeIntoCell(pm, { changeId: change.id, capabilityId: capability.id, status: 'full', version: 1 }))
    expect(again.status).toBe(409)
  })

  it('leaves the change pending when the cell moved meanwhile (409 from the cell’s version)', async () => {
    const { change } = await pendingChange()
    const capability = await db.capability.findUniqueOrThrow({ where: { key: 'cds_hooks' } })
    expect((await refusal(acceptChangeIntoCell(pm, { changeId: change.id, capabilityId: capability.id, status: 'full', version: 7 }))).status).toBe(409)
    expect(await db.competitorWatchChange.findUniqueOrThrow({ where: { id: change.id } })).toMatchObject({ status: 'pending', evidenceId: null })
  })

  it('accepts a change as a price and as a SWOT item, each with evidence for the timeline', async () => {
    const a = await pendingChange()
    const price = await acceptChangeAsPrice(pm, { changeId: a.change.id, product: 'Ambient add-on', model: 'per_user', currency: 'usd', low: 1800, high: 2400, confidence: 'medium' })
    expect(await db.competitorPrice.findUniqueOrThrow({ where: { id: price.priceId } })).toMatchObject({ competitorId: a.rival.id, currency: 'USD', low: 1800, high: 2400, observedAt: a.change.detectedAt })
    expect(await db.competitorEvidence.findUniqueOrThrow({ where: { id: price.evidenceId } })).toMatchObject({ kind: 'pricing' })
    expect(await db.competitorWatchChange.findUniqueOrThrow({ where: { id: a.change.id } })).toMatchObject({ status: 'accepted', acceptedAs: 'price', evidenceId: price.evidenceId })
    expect((await refusal(acceptChangeAsPrice(pm, { changeId: (await pendingChange()).change.id, product: 'X', model: 'per_bed', low: 10, high: 5 }))).status).toBe(422)

    const b = await pendingChange()
    const swot = await acceptChangeAsSwot(pm, { changeId: b.change.id, quadrant: 'threat', text: 'Ambient documentation GA, raised by Dr John Smith' })
    const item = await db.swotItem.findUniqueOrThrow({ where: { id: swot.swotItemId } })
    expect(item).toMatchObject({ competitorId: b.rival.id, quadrant: 'threat', evidenceId: swot.evidenceId })
    expect(item.text).not.toContain('John Smith')
  })

  it('dismisses with a reason; viewers may neither review nor add sources', async () => {
    const { change, rival } = await pendingChange()
    expect((await refusal(dismissChange(viewer, { changeId: change.id }))).status).toBe(403)
    expect((await refusal(addWatchSource(viewer, { competitorId: rival.id, url: 'https://vendor.example/x', kind: 'page' }))).status).toBe(403)
    const capability = await db.capability.findUniqueOrThrow({ where: { key: 'cds_hooks' } })
    expect((await refusal(acceptChangeIntoCell(viewer, { changeId: change.id, capabilityId: capability.id, status: 'full', version: 0 }))).status).toBe(403)
    await dismissChange(pm, { changeId: change.id, reason: 'Cosmetic change' })
    expect(await db.competitorWatchChange.findUniqueOrThrow({ where: { id: change.id } })).toMatchObject({ status: 'dismissed', reason: 'Cosmetic change', evidenceId: null })
    expect((await refusal(dismissChange(pm, { changeId: change.id }))).status).toBe(409)
    expect((await refusal(dismissChange(pm, { changeId: '00000000-0000-4000-8000-000000000000' }))).status).toBe(404)
  })

  it('adds a source once per address (409), refuses a non-http address, and removes a source with its changes, audited', async () => {
    const { rival, sourceId } = await pendingChange()
    const url = (await db.competitorWatchSource.findUniqueOrThrow({ where: { id: sourceId } })).url
    expect((await refusal(addWatchSource(pm, { competitorId: rival.id, url, kind: 'page' }))).status).toBe(409)
    expect((await refusal(addWatchSource(pm, { competitorId: rival.id, url: 'file:///etc/passwd', kind: 'page' }))).status).toBe(422)
    await removeWatchSource(pm, { sourceId })
    expect(await db.competitorWatchSource.count({ where: { id: sourceId } })).toBe(0)
    expect(await db.competitorWatchChange.count({ where: { sourceId } })).toBe(0)
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'competitor.watch_source.delete', targetId: sourceId } })).toMatchObject({ summary: expect.objectContaining({ pendingDropped: 1 }) })
  })

  it('pauses a source (the job skips it) and resumes it, audited once per change', async () => {
    const { sourceId } = await rivalWithSource('page', `/${uid('pause')}`, html('release-notes-v1.html'))
    expect(await setWatchSourceActive(pm, { sourceId, active: 'false' })).toEqual({ changed: true })
    expect(await setWatchSourceActive(pm, { sourceId, active: false })).toEqual({ changed: false })
    await runCompetitorWatch(watcher)
    expect(await db.competitorWatchSource.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({ active: false, lastCheckedAt: null })
    await setWatchSourceActive(pm, { sourceId, active: true })
    expect(await checkWatchSource(watcher, sourceId)).toBe('baseline')
    expect(await db.auditLog.count({ where: { targetId: sourceId, action: { in: ['competitor.watch_source.pause', 'competitor.watch_source.resume'] } } })).toBe(2)
    expect((await refusal(setWatchSourceActive(viewer, { sourceId, active: false }))).status).toBe(403)
  })
})
