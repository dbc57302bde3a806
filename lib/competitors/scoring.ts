/**
 * The matrix's maths, pure: coverage, evidence freshness, gaps and threat levels, each with the words that
 * explain it. Definitions (lib/competitors/README.md shows them with worked examples):
 *
 * - coverage of a cell: full 1, partial ½, none 0; unknown counts as ½ (we do not know, so neither side
 *   gains) and is reported apart.
 * - weighted coverage of a product: Σ weight × coverage ÷ Σ weight over all capabilities.
 * - freshness of evidence: ½^(age ÷ half-life); stale below ½, i.e. older than one half-life.
 * - lead of a competitor on a capability: their coverage − ours, at least 0; none while theirs is unknown
 *   (no evidence is no threat).
 * - momentum: how recently they moved. On a capability: 1 when evidence of an upgrade (a better status
 *   than before) is younger than the momentum window, else 0. Of a competitor: upgrades in the window ÷ 3,
 *   at most 1.
 * - capability threat = importance (weight ÷ 5) × lead × overlap factor × momentum factor, at most 1, with
 *   overlap factor = 0.6 + 0.4 × market overlap and momentum factor = 1 + 0.5 × momentum.
 * - competitor threat = importance-weighted mean lead over all capabilities × overlap factor × momentum factor.
 * - levels: high from `high`, medium from `medium` (thresholds configurable, separately for capabilities and
 *   competitors).
 */

export const STATUSES = ['none', 'partial', 'full', 'unknown'] as const
export type CapabilityStatus = (typeof STATUSES)[number]
export type ThreatLevel = 'high' | 'medium' | 'low'

export interface ThreatSettings {
  /** Evidence half-life in days (freshness ½ at that age: the cell is stale). */
  halfLifeDays: number
  /** Upgrades younger than this count as momentum. */
  momentumDays: number
  capability: { high: number; medium: number }
  competitor: { high: number; medium: number }
}

export const DEFAULT_THREAT_SETTINGS: ThreatSettings = {
  halfLifeDays: 180,
  momentumDays: 180,
  capability: { high: 0.5, medium: 0.25 },
  competitor: { high: 0.2, medium: 0.1 },
}

const DAY = 86_400_000
const RANK: Record<CapabilityStatus, number> = { none: 0, unknown: 0.5, partial: 0.5, full: 1 }

export function coverageOf(status: CapabilityStatus): number {
  return RANK[status]
}

/** Whether `to` is a better status than `from` (unknown is neither better nor worse). */
export function isUpgrade(from: CapabilityStatus | null, to: CapabilityStatus): boolean {
  if (from === null || from === 'unknown' || to === 'unknown') return false
  return RANK[to] > RANK[from]
}

export function freshness(evidenceAt: Date | null, now: Date, halfLifeDays: number): number {
  if (!evidenceAt) return 0
  const age = Math.max(0, now.getTime() - evidenceAt.getTime()) / DAY
  return 0.5 ** (age / halfLifeDays)
}

export const isStale = (evidenceAt: Date | null, now: Date, halfLifeDays: number) => freshness(evidenceAt, now, halfLifeDays) < 0.5

export interface CapabilityWeight {
  id: string
  weight: number
}

/** Σ weight × coverage ÷ Σ weight; cells missing from `statuses` are unknown. */
export function weightedCoverage(capabilities: readonly CapabilityWeight[], statuses: ReadonlyMap<string, CapabilityStatus>): { coverage: number; unknown: number } {
  let sum = 0
  let weights = 0
  let unknown = 0
  for (const c of capabilities) {
    const s = statuses.get(c.id) ?? 'unknown'
    if (s === 'unknown') unknown++
    sum += c.weight * coverageOf(s)
    weights += c.weight
  }
  return { coverage: weights ? sum / weights : 0, unknown }
}

export function levelOf(score: number, t: { high: number; medium: number }): ThreatLevel {
  return score >= t.high ? 'high' : score >= t.medium ? 'medium' : 'low'
}

export const overlapFactor = (overlapPercent: number) => 0.6 + 0.4 * Math.min(1, Math.max(0, overlapPercent / 100))
export const momentumFactor = (momentum: number) => 1 + 0.5 * momentum

const round2 = (n: number) => (Math.round(n * 100) / 100).toFixed(2)
const pct = (n: number) => `${Math.round(n)} %`

export interface CapabilityThreatInput {
  competitor: string
  capability: string
  weight: number
  theirs: CapabilityStatus
  ours: CapabilityStatus
  overlapPercent: number
  /** The latest upgrade of theirs on this capability, if any. */
  upgradedAt: Date | null
}

export interface Threat {
  score: number
  level: ThreatLevel
  explanation: string
}

/** Their coverage − ours, at least 0; 0 while theirs is unknown. */
export function leadOf(theirs: CapabilityStatus, ours: CapabilityStatus): number {
  return theirs === 'unknown' ? 0 : Math.max(0, coverageOf(theirs) - coverageOf(ours))
}

export function capabilityThreat(i: CapabilityThreatInput, now: Date, s: ThreatSettings = DEFAULT_THREAT_SETTINGS): Threat & { lead: number; momentum: number } {
  const lead = leadOf(i.theirs, i.ours)
  const momentum = i.upgradedAt && now.getTime() - i.upgradedAt.getTime() <= s.momentumDays * DAY ? 1 : 0
  const importance = i.weight / 5
  const score = Math.min(1, importance * lead * overlapFactor(i.overlapPercent) * momentumFactor(momentum))
  const level = levelOf(score, s.capability)
  const threshold = level === 'low' ? `below ${round2(s.capability.medium)}` : `≥ ${round2(s.capability[level])}`
  const explanation =
    i.theirs === 'unknown'
      ? `What ${i.competitor} has of ${i.capability} is unknown: no threat counted until there is evidence → low`
      : lead === 0
      ? `${i.competitor} does not lead us on ${i.capability} (they: ${i.theirs}, we: ${i.ours}) → low`
      : `${i.competitor}: ${i.theirs} ${i.capability}, we: ${i.ours} — lead ${round2(lead)} × importance ${i.weight}/5 × market overlap ${pct(i.overlapPercent)} (×${round2(overlapFactor(i.overlapPercent))})` +
        (momentum ? ` × recent upgrade (×${round2(momentumFactor(momentum))})` : '') +
        ` = ${round2(score)} → ${level} (${threshold})`
  return { score, level, explanation, lead, momentum }
}

export interface CompetitorThreatInput {
  competitor: string
  capabilities: readonly { weight: number; theirs: CapabilityStatus; ours: CapabilityStatus }[]
  overlapPercent: number
  /** Upgrades of theirs younger than the momentum window. */
  recentUpgrades: number
}

export function competitorThreat(i: CompetitorThreatInput, s: ThreatSettings = DEFAULT_THREAT_SETTINGS): Threat & { weightedLead: number; leads: number; momentum: number } {
  let sum = 0
  let weights = 0
  let leads = 0
  for (const c of i.capabilities) {
    const lead = leadOf(c.theirs, c.ours)
    if (lead > 0) leads++
    sum += c.weight * lead
    weights += c.weight
  }
  const weightedLead = weights ? sum / weights : 0
  const momentum = Math.min(1, i.recentUpgrades / 3)
  const score = weightedLead * overlapFactor(i.overlapPercent) * momentumFactor(momentum)
  const level = levelOf(score, s.competitor)
  const threshold = level === 'low' ? `below ${round2(s.competitor.medium)}` : `≥ ${round2(s.competitor[level])}`
  const explanation =
    `${i.competitor} leads us on ${leads} of ${i.capabilities.length} capabilities (importance-weighted lead ${round2(weightedLead)})` +
    ` × market overlap ${pct(i.overlapPercent)} (×${round2(overlapFactor(i.overlapPercent))})` +
    ` × momentum ${i.recentUpgrades} recent upgrade${i.recentUpgrades === 1 ? '' : 's'} (×${round2(momentumFactor(momentum))})` +
    ` = ${round2(score)} → ${level} (${threshold})`
  return { score, level, explanation, weightedLead, leads, momentum }
}
