/**
 * Turns an audit summary (JSON, PHI-free by construction) into short parts for a compact table cell:
 * `{ role: { from: 'ops', to: 'admin' } }` → "role: ops → admin"; other fields → "field: value".
 */
export type AuditSummaryPart =
  | { kind: 'change'; field: string; from: string; to: string }
  | { kind: 'value'; field: string; value: string }

const MAX_VALUE = 80

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isChange(v: unknown): v is { from: unknown; to: unknown } {
  return isRecord(v) && 'from' in v && 'to' in v && Object.keys(v).length === 2
}

function clip(s: string): string {
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s
}

export function formatAuditValue(v: unknown): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'string') return clip(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : clip(v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', '))
  return clip(JSON.stringify(v))
}

export function formatAuditSummary(summary: unknown): AuditSummaryPart[] {
  if (summary === null || summary === undefined) return []
  if (!isRecord(summary)) return [{ kind: 'value', field: 'summary', value: formatAuditValue(summary) }]
  return Object.entries(summary).map(([field, v]) =>
    isChange(v)
      ? { kind: 'change', field, from: formatAuditValue(v.from), to: formatAuditValue(v.to) }
      : { kind: 'value', field, value: formatAuditValue(v) },
  )
}
