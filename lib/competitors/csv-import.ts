/**
 * CSV import of cell evidence (competitor:edit): each row is validated on its own and goes through
 * recordCellEvidence (redaction, versioning, audit, threat links) against the cell as it is at that moment;
 * a row that fails is reported with its line and the others go on. One audit row sums the import up.
 */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { db } from '../db'
import { ApiError, unprocessable } from '../errors'
import { recordCellEvidence, type CommandContext } from './commands'
import { parseEvidenceCsv } from './csv'

export interface ImportLineError {
  line: number
  message: string
  fields?: Record<string, string[]>
}

export interface ImportReport {
  rows: number
  imported: number
  /** Rows whose evidence became the cell's status (the others joined the history only). */
  applied: number
  failed: number
  errors: ImportLineError[]
}

export async function importEvidenceCsv(actor: Actor, text: string, ctx: CommandContext = {}): Promise<ImportReport> {
  authorize(actor, 'competitor:edit')
  const parsed = parseEvidenceCsv(text)
  if (!parsed.ok) throw unprocessable(parsed.message, { file: [parsed.message] })
  const [products, capabilities] = await Promise.all([db.competitor.findMany({ select: { id: true, key: true } }), db.capability.findMany({ select: { id: true, key: true } })])
  const productId = new Map(products.map((p) => [p.key, p.id]))
  const capabilityId = new Map(capabilities.map((c) => [c.key, c.id]))
  const report: ImportReport = { rows: parsed.rows.length, imported: 0, applied: 0, failed: 0, errors: [] }
  for (const { line, record: r } of parsed.rows) {
    const competitorId = productId.get(r.product_key ?? '')
    const capId = capabilityId.get(r.capability_key ?? '')
    if (!competitorId || !capId) {
      const fields: Record<string, string[]> = {}
      if (!competitorId) fields.product_key = [`No product has the key “${r.product_key ?? ''}”`]
      if (!capId) fields.capability_key = [`No capability has the key “${r.capability_key ?? ''}”`]
      report.failed++
      report.errors.push({ line, message: Object.values(fields).flat().join('; '), fields })
      continue
    }
    const cell = await db.capabilityCell.findUnique({ where: { competitorId_capabilityId: { competitorId, capabilityId: capId } }, select: { version: true } })
    try {
      const result = await recordCellEvidence(
        actor,
        { competitorId, capabilityId: capId, status: r.status, confidence: r.confidence || undefined, sourceUrl: r.source_url, sourceTitle: r.source_title, observedAt: r.observed_at, note: r.note, version: cell?.version ?? 0 },
        ctx,
      )
      report.imported++
      if (result.applied) report.applied++
    } catch (err) {
      // Refusals of the row (422, 404, 409) are reported; anything else (the database gone) ends the import.
      if (!(err instanceof ApiError) || err.status >= 500) throw err
      report.failed++
      report.errors.push({ line, message: err.message, ...(err.fields ? { fields: err.fields } : {}) })
    }
  }
  await recordAudit(actor, { action: 'competitor.evidence.import', targetType: 'competitor_evidence', requestId: ctx.requestId ?? null, ip: ctx.ip ?? null, summary: { rows: report.rows, imported: report.imported, failed: report.failed }, count: Math.max(1, report.imported) })
  return report
}
