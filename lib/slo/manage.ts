/**
 * The SLO write layer (issue 12): create, edit, archive, restore, and apply OpenSLO files. Each command
 * takes the actor and validated input (definition.ts, openslo.ts), checks `slo:manage`, then writes and
 * audits in one transaction. Nothing is written when nothing changes: applying the same file twice leaves
 * no audit row the second time.
 *
 * - The service must exist in the catalogue and the escalation policy (if any) among the policies.
 * - What the rollups count (MEASURE_FIELDS) cannot change; the rest is read from the rollups at query time,
 *   so a new target or window applies to the whole history at once (no raw events needed).
 * - Archived SLOs are neither rolled up nor evaluated nor on the dashboard; their rollups and violations
 *   stay. Applying a file that defines an archived key restores it.
 * - Audit summaries hold keys, names and changed values, but not the free-text description (only whether it changed).
 */
import type { Slo } from '@/lib/generated/prisma/client'
import { changeSummary, recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { conflict, notFound, prismaCode, unprocessable, type FieldErrors } from '@/lib/errors'
import { inTransaction, type Tx } from '@/lib/tx'
import { effectiveChanges, measureChanges, normalizeSpec, SPEC_FIELDS, type SloSpec, type SpecField } from './definition'
import type { ParsedSlo, OpenSloIssue } from './openslo'
import type { ExportableSlo } from './openslo-export'

export type SloSource = 'form' | 'openslo'
export type ApplyAction = 'created' | 'updated' | 'restored' | 'unchanged'

export interface ApplyOutcome {
  key: string
  action: ApplyAction
  changed: SpecField[]
}

export type ApplyResult = { ok: true; outcomes: ApplyOutcome[] } | { ok: false; errors: OpenSloIssue[] }

const AUDITED = SPEC_FIELDS.filter((f) => f !== 'description')

function specOf(slo: Slo): SloSpec {
  const out = {} as Record<SpecField | 'key', unknown>
  out.key = slo.key
  for (const f of SPEC_FIELDS) out[f] = slo[f]
  return out as SloSpec
}

function auditSummary(before: SloSpec | null, after: SloSpec, source: SloSource, extra: Record<string, unknown> = {}) {
  const summary: Record<string, unknown> = { key: after.key, source, ...changeSummary(before, after, AUDITED), ...extra }
  if ((before?.description ?? '') !== after.description) summary.descriptionChanged = true
  return summary
}

/** The first problem with the references of a spec: the service, and the escalation policy. */
async function referenceProblems(tx: Tx, spec: SloSpec): Promise<FieldErrors> {
  const fields: FieldErrors = {}
  if (!(await tx.service.findUnique({ where: { key: spec.service }, select: { id: true } }))) {
    fields.service = [`No service ${spec.service} in the catalogue; add it there first`]
  }
  if (spec.escalationPolicyId && !(await tx.escalationPolicy.findUnique({ where: { id: spec.escalationPolicyId }, select: { id: true } }))) {
    fields.escalationPolicyId = ['That escalation policy no longer exists']
  }
  return fields
}

function refuse(fields: FieldErrors, message = 'Please correct the highlighted fields'): never {
  const first = Object.values(fields)[0]?.[0]
  throw unprocessable(first ? `${message}: ${first}` : message, fields)
}

async function writeNew(tx: Tx, actor: Actor, spec: SloSpec, source: SloSource): Promise<Slo> {
  const row = await tx.slo.create({ data: normalizeSpec(spec) })
  await recordAudit(actor, { action: 'slo.create', targetType: 'slo', targetId: row.id, summary: auditSummary(null, specOf(row), source) }, tx)
  return row
}

/** Writes the effective changes (and a restore) of an existing SLO; null when there are none. */
async function writeChanges(tx: Tx, actor: Actor, before: Slo, spec: SloSpec, source: SloSource): Promise<{ row: Slo; changed: SpecField[] } | null> {
  const next = normalizeSpec(spec)
  const changed = effectiveChanges(specOf(before), next)
  const restore = before.archivedAt !== null && source === 'openslo'
  if (changed.length === 0 && !restore) return null
  const data = Object.fromEntries(changed.map((f) => [f, next[f]]))
  const row = await tx.slo.update({ where: { id: before.id }, data: { ...data, ...(restore ? { archivedAt: null } : {}) } })
  if (restore) await recordAudit(actor, { action: 'slo.restore', targetType: 'slo', targetId: row.id, summary: { key: row.key, source } }, tx)
  if (changed.length > 0) {
    await recordAudit(actor, { action: 'slo.update', targetType: 'slo', targetId: row.id, summary: auditSummary(specOf(before), specOf(row), source) }, tx)
  }
  return { row, changed }
}

export async function createSlo(actor: Actor, spec: SloSpec): Promise<Slo> {
  authorize(actor, 'slo:manage')
  try {
    return await inTransaction(async (tx) => {
      const problems = await referenceProblems(tx, spec)
      if (Object.keys(problems).length) refuse(problems)
      return writeNew(tx, actor, spec, 'form')
    })
  } catch (err) {
    if (prismaCode(err) === 'P2002') throw conflict(`An SLO with the key ${spec.key} already exists`, { key: ['Choose another key'] })
    throw err
  }
}

/** Saves the form's definition of an existing SLO (by key); `changed` is empty when nothing differed. */
export async function updateSlo(actor: Actor, spec: SloSpec): Promise<{ slo: Slo; changed: SpecField[] }> {
  authorize(actor, 'slo:manage')
  return inTransaction(async (tx) => {
    const before = await tx.slo.findUnique({ where: { key: spec.key } })
    if (!before) throw notFound(`No SLO with the key ${spec.key}`)
    const problems = { ...measureChanges(specOf(before), spec), ...(await referenceProblems(tx, spec)) }
    if (Object.keys(problems).length) refuse(problems)
    const written = await writeChanges(tx, actor, before, spec, 'form')
    return written ? { slo: written.row, changed: written.changed } : { slo: before, changed: [] }
  })
}

async function setArchived(actor: Actor, key: string, archived: boolean): Promise<{ slo: Slo; changed: boolean }> {
  authorize(actor, 'slo:manage')
  return inTransaction(async (tx) => {
    const before = await tx.slo.findUnique({ where: { key } })
    if (!before) throw notFound(`No SLO with the key ${key}`)
    if ((before.archivedAt !== null) === archived) return { slo: before, changed: false }
    const slo = await tx.slo.update({ where: { id: before.id }, data: { archivedAt: archived ? new Date() : null } })
    await recordAudit(actor, { action: archived ? 'slo.archive' : 'slo.restore', targetType: 'slo', targetId: slo.id, summary: { key, source: 'form' } }, tx)
    return { slo, changed: true }
  })
}

/** Archives an SLO: it stops being rolled up, evaluated and shown; its history stays. Idempotent. */
export const archiveSlo = (actor: Actor, key: string) => setArchived(actor, key, true)
export const restoreSlo = (actor: Actor, key: string) => setArchived(actor, key, false)

const at = (p: ParsedSlo, field: string, message: string): OpenSloIssue => ({
  line: p.fieldLines[field] ?? p.fieldLines.key ?? null,
  path: field === 'escalationPolicy' ? 'notificationTargets' : field,
  message,
})

/**
 * Makes the database hold the file's SLOs, in one transaction: creates the new keys, updates the changed
 * ones, restores archived ones, and leaves the rest (and SLOs the file does not name) as they are. Refuses
 * the whole file, with lines, when a service or escalation policy is unknown or a fixed field would change.
 */
export async function applyOpenSlo(actor: Actor, parsed: readonly ParsedSlo[]): Promise<ApplyResult> {
  authorize(actor, 'slo:manage')
  return inTransaction(async (tx) => {
    const keys = parsed.map((p) => p.spec.key)
    // One after another: a transaction is one connection, which runs one query at a time anyway.
    const existing = await tx.slo.findMany({ where: { key: { in: keys } } })
    const services = await tx.service.findMany({ where: { key: { in: parsed.map((p) => p.spec.service) } }, select: { key: true } })
    const policies = await tx.escalationPolicy.findMany({
      where: { name: { in: parsed.flatMap((p) => (p.escalationPolicy ? [p.escalationPolicy] : [])) } },
      select: { id: true, name: true },
    })
    const byKey = new Map(existing.map((s) => [s.key, s]))
    const serviceKeys = new Set(services.map((s) => s.key))
    const policyIds = new Map(policies.map((p) => [p.name, p.id]))
    const errors: OpenSloIssue[] = []
    const plans = parsed.map((p) => {
      const before = byKey.get(p.spec.key)
      const spec: SloSpec = { ...p.spec, escalationPolicyId: p.escalationPolicy ? (policyIds.get(p.escalationPolicy) ?? null) : null }
      if (before && !p.timeslicesGiven) Object.assign(spec, { timesliceMinutes: before.timesliceMinutes, timesliceTarget: before.timesliceTarget })
      if (!serviceKeys.has(spec.service)) errors.push(at(p, 'service', `No service ${spec.service} in the catalogue; add it there first`))
      if (p.escalationPolicy && !policyIds.has(p.escalationPolicy)) errors.push(at(p, 'escalationPolicy', `No escalation policy named ${p.escalationPolicy}`))
      if (before) for (const [field, [message]] of Object.entries(measureChanges(specOf(before), spec))) errors.push(at(p, field, `${field}: ${message}`))
      return { spec, before }
    })
    if (errors.length > 0) return { ok: false as const, errors }
    const outcomes: ApplyOutcome[] = []
    for (const { spec, before } of plans) {
      if (!before) {
        await writeNew(tx, actor, spec, 'openslo')
        outcomes.push({ key: spec.key, action: 'created', changed: [] })
        continue
      }
      const written = await writeChanges(tx, actor, before, spec, 'openslo')
      const action: ApplyAction = !written ? 'unchanged' : before.archivedAt ? 'restored' : 'updated'
      outcomes.push({ key: spec.key, action, changed: written?.changed ?? [] })
    }
    return { ok: true as const, outcomes }
  })
}

/** Every SLO that is not archived (or those of `keys`), ready for openslo-export.ts. */
export async function readExportableSlos(tx: Pick<Tx, 'slo'>, keys?: readonly string[]): Promise<ExportableSlo[]> {
  const rows = await tx.slo.findMany({
    where: keys ? { key: { in: [...keys] } } : { archivedAt: null },
    include: { escalationPolicy: { select: { name: true } } },
    orderBy: { key: 'asc' },
  })
  return rows.map((r) => ({ ...specOf(r), escalationPolicyName: r.escalationPolicy?.name ?? null }))
}
