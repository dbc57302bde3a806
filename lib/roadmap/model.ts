/**
 * The roadmap's vocabulary (client-safe): stages, horizons, stakeholder groups, regulatory pathways and
 * quarters. The enums mirror prisma/schema.prisma; the words are what the pages show.
 */
export const STAGES = ['ideas', 'discovery', 'planned', 'in_progress', 'released', 'archived'] as const
export type Stage = (typeof STAGES)[number]
/** The board's columns, left to right (archived items are listed apart). */
export const BOARD_STAGES = ['ideas', 'discovery', 'planned', 'in_progress', 'released'] as const satisfies readonly Stage[]
export const STAGE_LABELS: Record<Stage, string> = {
  ideas: 'Ideas',
  discovery: 'Discovery',
  planned: 'Planned',
  in_progress: 'In progress',
  released: 'Released',
  archived: 'Archived',
}

/** The guide's horizons. */
export const HORIZONS = ['short_term', 'medium_term', 'long_term'] as const
export type Horizon = (typeof HORIZONS)[number]
export const HORIZON_LABELS: Record<Horizon, string> = { short_term: 'Now · 6 months', medium_term: 'Next · 18 months', long_term: 'Later · 3 years' }
export const HORIZON_MONTHS: Record<Horizon, number> = { short_term: 6, medium_term: 18, long_term: 36 }

/** The guide's stakeholder groups. */
export const STAKEHOLDERS = ['clinical_users', 'healthcare_administrators', 'technical_stakeholders', 'regulatory_compliance'] as const
export type Stakeholder = (typeof STAKEHOLDERS)[number]
export const STAKEHOLDER_LABELS: Record<Stakeholder, string> = {
  clinical_users: 'Clinical users',
  healthcare_administrators: 'Healthcare administrators',
  technical_stakeholders: 'Technical stakeholders',
  regulatory_compliance: 'Regulatory and compliance',
}

export const PIPELINES = ['feature', 'hotfix', 'innovation'] as const
export type Pipeline = (typeof PIPELINES)[number]
export const PIPELINE_LABELS: Record<Pipeline, string> = { feature: 'Feature', hotfix: 'Hotfix', innovation: 'Innovation' }

/** Regulatory pathways of software as a medical device; all but `none` need regulatory documentation. */
export const PATHWAYS = ['none', 'fda_510k', 'fda_de_novo', 'fda_pma', 'ce_mdr_i', 'ce_mdr_iia', 'ce_mdr_iib', 'ce_mdr_iii'] as const
export type Pathway = (typeof PATHWAYS)[number]
export const PATHWAY_LABELS: Record<Pathway, string> = {
  none: 'None (not a medical device)',
  fda_510k: 'FDA 510(k)',
  fda_de_novo: 'FDA De Novo',
  fda_pma: 'FDA PMA',
  ce_mdr_i: 'CE / MDR class I',
  ce_mdr_iia: 'CE / MDR class IIa',
  ce_mdr_iib: 'CE / MDR class IIb',
  ce_mdr_iii: 'CE / MDR class III',
}
export const isFdaPathway = (p: Pathway) => p.startsWith('fda_')
export const isCePathway = (p: Pathway) => p.startsWith('ce_')

/** A quarter, "2027-Q1". */
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/

export function quarterOf(d: Date): string {
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`
}

/** The quarter's first instant and the next quarter's (UTC). */
export function quarterRange(quarter: string): { from: Date; to: Date } {
  const m = QUARTER_PATTERN.exec(quarter)
  if (!m) throw new Error(`Not a quarter: ${quarter}`)
  const year = Number(m[1])
  const q = Number(m[2])
  return { from: new Date(Date.UTC(year, (q - 1) * 3, 1)), to: new Date(Date.UTC(year, q * 3, 1)) }
}

/** The quarter `n` quarters after this one (n may be negative). */
export function addQuarters(quarter: string, n: number): string {
  const m = QUARTER_PATTERN.exec(quarter)
  if (!m) throw new Error(`Not a quarter: ${quarter}`)
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + n
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

export const itemRef = (number: number) => `RM-${number}`
