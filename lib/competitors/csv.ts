/**
 * The matrix and its evidence as CSV (lib/csv.ts writes it), and evidence rows read back from CSV
 * (csv-parse): the same columns the evidence export writes, so an exported file can be edited and
 * imported. Pure: the routes read the database and call the import command.
 */
import { parse } from 'csv-parse/sync'
import { csvDocument, type CsvValue } from '../csv'
import type { Matrix } from './matrix'

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : '')

export const MATRIX_COLUMNS = ['capability_key', 'capability', 'group', 'weight', 'product_key', 'product', 'is_us', 'status', 'confidence', 'evidence_date', 'freshness_percent', 'stale', 'threat_level', 'threat_score'] as const

/** One row per capability × product (our product first, as on the page), with freshness and, where they lead us, the threat. */
export function matrixCsv(m: Pick<Matrix, 'products' | 'capabilities' | 'cell'>): string {
  const rows: CsvValue[][] = []
  for (const c of m.capabilities) {
    for (const p of m.products) {
      const cell = m.cell(p.id, c.id)
      rows.push([
        c.key,
        c.name,
        c.group,
        c.weight,
        p.key,
        p.name,
        p.isUs,
        cell.status,
        cell.evidenceAt ? cell.confidence : '',
        day(cell.evidenceAt),
        cell.evidenceAt ? Math.round(cell.freshness * 100) : null,
        cell.evidenceAt ? cell.stale : null,
        cell.threat?.level ?? '',
        cell.threat ? Number(cell.threat.score.toFixed(3)) : null,
      ])
    }
  }
  return csvDocument(MATRIX_COLUMNS, rows)
}

export const EVIDENCE_COLUMNS = ['product_key', 'capability_key', 'kind', 'status', 'previous', 'confidence', 'source_url', 'source_title', 'observed_at', 'note', 'recorded_by', 'recorded_at'] as const

export interface EvidenceCsvRow {
  product: string
  capability: string | null
  kind: string
  status: string | null
  previous: string | null
  confidence: string
  sourceUrl: string | null
  sourceTitle: string
  observedAt: Date
  note: string
  recordedBy: string
  recordedAt: Date
}

export function evidenceCsv(rows: readonly EvidenceCsvRow[]): string {
  return csvDocument(
    EVIDENCE_COLUMNS,
    rows.map((e) => [e.product, e.capability ?? '', e.kind, e.status ?? '', e.previous ?? '', e.confidence, e.sourceUrl ?? '', e.sourceTitle, day(e.observedAt), e.note, e.recordedBy, e.recordedAt.toISOString()]),
  )
}

/** What an import needs per row; the export's other columns (kind, previous, recorded_*) are ignored. */
export const IMPORT_REQUIRED = ['product_key', 'capability_key', 'status', 'observed_at'] as const
export const MAX_IMPORT_ROWS = 1000

export interface ImportRow {
  /** The row's line in the file (the header is line 1). */
  line: number
  record: Record<string, string>
}

export type ParsedImport = { ok: true; rows: ImportRow[] } | { ok: false; message: string }

/**
 * Reads evidence rows: a header row naming at least IMPORT_REQUIRED, then up to MAX_IMPORT_ROWS rows.
 * A byte-order mark is allowed; a formula-defusing quote (as lib/csv writes: `'=…`) is taken off again.
 */
export function parseEvidenceCsv(text: string): ParsedImport {
  let records: { record: Record<string, string>; info: { lines: number } }[]
  try {
    records = parse(text, { bom: true, columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, relax_column_count: false }) as typeof records
  } catch (err) {
    const line = (err as { lines?: number }).lines
    return { ok: false, message: `The file is not valid CSV${line ? ` (line ${line})` : ''}` }
  }
  if (records.length === 0) return { ok: false, message: 'The file has no rows below its header' }
  const missing = IMPORT_REQUIRED.filter((c) => !(c in records[0]!.record))
  if (missing.length) return { ok: false, message: `The header lacks ${missing.join(', ')}` }
  if (records.length > MAX_IMPORT_ROWS) return { ok: false, message: `At most ${MAX_IMPORT_ROWS} rows per file (this one has ${records.length})` }
  const undefuse = (v: string) => (/^'[=+\-@\t\r＝＋－＠]/.test(v) ? v.slice(1) : v)
  return { ok: true, rows: records.map((r) => ({ line: r.info.lines, record: Object.fromEntries(Object.entries(r.record).map(([k, v]) => [k, undefuse(v)])) })) }
}
