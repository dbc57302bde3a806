/**
 * The matrix's write layer. `recordCellEvidence`: new evidence for a cell (competitor:edit), redacted,
 * versioned (a form that saw an older cell gets 409 with the current one), audited; the cell takes the
 * evidence's status unless it already rests on newer evidence (then the evidence joins the history only).
 * Then the capability's threats are computed again; when one is high, the roadmap link it asks for is
 * recorded (CompetitorThreatLink, issue 16 picks it up) and audited.
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { conflict, notFound, parseOrThrow } from '../errors'
import { redact } from '../phi/redact'
import type { Tx } from '../tx'
import { inTransaction } from '../tx'
import { capabilityThreat, isUpgrade, type CapabilityStatus, type ThreatSettings } from './scoring'
import { CellEvidenceInput, THREAT_SETTINGS_KEY, ThreatSettingsInput, type CellEvidenceData } from './schema'
import { getThreatSettings } from './settings'

export interface CommandContext {
  requestId?: string | null
  ip?: string | null
  now?: Date
}

export interface CellEvidenceResult {
  evidenceId: string
  /** Whether the cell took the evidence's status (false when it rests on newer evidence). */
  applied: boolean
  status: CapabilityStatus
  version: number
  /** The capability's threat link, when one of its threats is high now. */
  threatLink: { id: string; created: boolean } | null
}

export async function recordCellEvidence(actor: Actor, raw: unknown, ctx: CommandContext = {}): Promise<CellEvidenceResult> {
  const input = parseOrThrow(CellEvidenceInput, raw)
  authorize(actor, 'competitor:edit')
  const settings = await getThreatSettings()
  return inTransaction((tx) => writeCellEvidence(tx, actor, input, settings, ctx))
}

/**
 * recordCellEvidence inside the caller's transaction, for commands that write more with it (accepting a
 * watched change marks the change in the same transaction). The caller has parsed the input and authorised.
 */
export async function writeCellEvidence(tx: Tx, actor: Actor, input: CellEvidenceData, settings: ThreatSettings, ctx: CommandContext = {}): Promise<CellEvidenceResult> {
  const now = ctx.now ?? new Date()
  const note = input.note ? redact(input.note) : ''
  const sourceTitle = input.sourceTitle ? redact(input.sourceTitle) : ''
  const [competitor, capability] = await Promise.all([
    tx.competitor.findUnique({ where: { id: input.competitorId }, select: { id: true, key: true, name: true } }),
    tx.capability.findUnique({ where: { id: input.capabilityId }, select: { id: true, key: true } }),
  ])
  if (!competitor) throw notFound('No competitor has this id')
  if (!capability) throw notFound('No capability has this id')
  // Lock the cell (or its absence) for this change: two editors cannot both pass the version check.
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${competitor.id}:${capability.id}`}, 15))::text`
  const cell = await tx.capabilityCell.findUnique({ where: { competitorId_capabilityId: { competitorId: competitor.id, capabilityId: capability.id } } })
  const current = { status: cell?.status ?? 'unknown', version: cell?.version ?? 0, evidenceAt: cell?.evidenceAt ?? null }
  if (current.version !== input.version) {
    throw conflict(`Someone changed this cell meanwhile: it is now ${current.status} (version ${current.version}). Reload to see their evidence.`, {
      version: [`The cell is at version ${current.version}`],
    })
  }
  const applied = !current.evidenceAt || input.observedAt >= current.evidenceAt
  const evidence = await tx.competitorEvidence.create({
    data: {
      competitorId: competitor.id,
      capabilityId: capability.id,
      kind: 'cell',
      status: input.status,
      previous: applied ? current.status : null,
      confidence: input.confidence,
      sourceUrl: input.sourceUrl ?? null,
      sourceTitle,
      observedAt: input.observedAt,
      note,
      recordedById: actor.type === 'user' ? actor.id : null,
      recordedBy: actor.label,
      recordedAt: now,
    },
    select: { id: true },
  })
  const version = current.version + 1
  const data = applied ? { status: input.status, confidence: input.confidence, evidenceAt: input.observedAt, version } : { version }
  await tx.capabilityCell.upsert({
    where: { competitorId_capabilityId: { competitorId: competitor.id, capabilityId: capability.id } },
    create: { competitorId: competitor.id, capabilityId: capability.id, ...data },
    update: data,
  })
  await recordAudit(
    actor,
    {
      action: 'competitor.cell.evidence',
      targetType: 'competitor_cell',
      targetId: `${competitor.key}:${capability.key}`,
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
      summary: { evidenceId: evidence.id, from: current.status, to: applied ? input.status : current.status, evidenceStatus: input.status, applied, confidence: input.confidence, upgrade: applied && isUpgrade(current.status, input.status) },
    },
    tx,
  )
  const threatLink = await recordThreatLink(tx, actor, capability.id, settings, now)
  return { evidenceId: evidence.id, applied, status: applied ? input.status : current.status, version, threatLink }
}

/**
 * The capability's threats from every competitor; when one is high, the roadmap link (one per capability)
 * is created or brought up to date with the leading competitors and their latest evidence, and audited.
 */
export async function recordThreatLink(tx: Tx, actor: Actor, capabilityId: string, settings: ThreatSettings, now: Date): Promise<{ id: string; created: boolean } | null> {
  const capability = await tx.capability.findUniqueOrThrow({ where: { id: capabilityId } })
  const products = await tx.competitor.findMany({ where: { archivedAt: null }, include: { cells: { where: { capabilityId } } } })
  const us = products.find((p) => p.isUs)
  if (!us) return null
  const ours = us.cells[0]?.status ?? 'unknown'
  const upgrades = await tx.competitorEvidence.findMany({ where: { capabilityId, kind: 'cell' }, select: { competitorId: true, status: true, previous: true, observedAt: true } })
  const high = products
    .filter((p) => !p.isUs)
    .map((p) => {
      const upgradedAt = upgrades.filter((e) => e.competitorId === p.id && e.status && isUpgrade(e.previous, e.status)).reduce<Date | null>((a, e) => (!a || e.observedAt > a ? e.observedAt : a), null)
      return { p, t: capabilityThreat({ competitor: p.name, capability: capability.name, weight: capability.weight, theirs: p.cells[0]?.status ?? 'unknown', ours, overlapPercent: p.marketOverlap, upgradedAt }, now, settings) }
    })
    .filter((x) => x.t.level === 'high')
    .sort((a, b) => b.t.score - a.t.score)
  if (high.length === 0) return null
  const evidence = await tx.competitorEvidence.findMany({
    where: { capabilityId, competitorId: { in: high.map((h) => h.p.id) }, kind: 'cell' },
    orderBy: { observedAt: 'desc' },
    distinct: ['competitorId'],
    select: { id: true },
  })
  const data = {
    competitorIds: high.map((h) => h.p.id),
    evidenceIds: evidence.map((e) => e.id),
    level: 'high',
    score: high[0]!.t.score,
    explanation: high.map((h) => h.t.explanation).join('\n'),
  }
  const existing = await tx.competitorThreatLink.findUnique({ where: { capabilityId } })
  const same = existing && existing.competitorIds.join() === data.competitorIds.join() && existing.evidenceIds.join() === data.evidenceIds.join()
  if (existing && same) return { id: existing.id, created: false }
  const link = existing
    ? await tx.competitorThreatLink.update({ where: { id: existing.id }, data })
    : await tx.competitorThreatLink.create({ data: { capabilityId, ...data } })
  await recordAudit(
    actor,
    {
      action: existing ? 'competitor.threat_link.update' : 'competitor.threat_link.create',
      targetType: 'capability',
      targetId: capability.key,
      summary: { competitors: high.map((h) => h.p.key), score: Number(data.score.toFixed(3)), evidenceIds: data.evidenceIds, roadmapItemId: link.roadmapItemId },
    },
    tx,
  )
  return { id: link.id, created: !existing }
}

/** The threat thresholds, evidence half-life and momentum window (competitor:edit), audited with before and after. */
export async function updateThreatSettings(actor: Actor, raw: unknown): Promise<ThreatSettings> {
  const input = parseOrThrow(ThreatSettingsInput, raw)
  authorize(actor, 'competitor:edit')
  const before = await getThreatSettings()
  return inTransaction(async (tx) => {
    await tx.setting.upsert({ where: { key: THREAT_SETTINGS_KEY }, create: { key: THREAT_SETTINGS_KEY, value: input }, update: { value: input } })
    await recordAudit(actor, { action: 'competitor.threat_settings.update', targetType: 'setting', targetId: THREAT_SETTINGS_KEY, summary: { before, after: input } }, tx)
    return input
  })
}
