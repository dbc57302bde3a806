/** Errors of backups and drills in words fit for logs, the audit trail and the admin page. */
import { redact } from '@/lib/phi/redact'

/**
 * An error in words without row values: PostgreSQL puts values in `detail` (left out) and sometimes after a
 * colon in the message (`invalid input syntax for type uuid: "…"`, cut); the PHI redactor runs over the rest.
 */
export function safeErrorText(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown; table?: unknown; constraint?: unknown }
  const message = (typeof e?.message === 'string' ? e.message : String(err)).split('\n')[0]!.replace(/: ".*"$/, ': "…"')
  const where = [typeof e?.table === 'string' ? `table ${e.table}` : '', typeof e?.constraint === 'string' ? `constraint ${e.constraint}` : ''].filter(Boolean).join(', ')
  const code = typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? `PostgreSQL ${e.code}${where ? ` (${where})` : ''}: ` : ''
  const text = redact(`${code}${message}`)
  return text.length > 400 ? `${text.slice(0, 399)}…` : text
}
