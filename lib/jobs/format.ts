/** Pure helpers shared by the runner and the admin page: error text, JSON-safe results, result summaries. */
import { prismaCode } from '../errors'
import { formatNumber } from '../format'
import type { JobResult } from './types'

export const MAX_ERROR_LENGTH = 500

/** A Prisma code, else a system or PostgreSQL code (`ECONNREFUSED`, `57P01`) of the error or its cause. */
function errorCode(err: unknown): string | undefined {
  const prisma = prismaCode(err)
  if (prisma) return prisma
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^(E[A-Z]+|[0-9A-Z]{5})$/.test(code)) return code
  }
  return undefined
}

/**
 * The message of an error, without its stack, on one line and truncated, after its class and code when
 * they say more than "Error" (`PrismaClientKnownRequestError (P2028): …`): explainJobError maps the code.
 * Prisma's invocation errors open with a code excerpt and end with the reason, so the last line is kept.
 */
export function errorMessage(err: unknown, max = MAX_ERROR_LENGTH): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : 'Unknown error'
  const lines = raw
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const line = (lines.length > 1 && /invocation/i.test(lines[0]!) ? lines.at(-1) : lines[0]) ?? 'Unknown error'
  const code = errorCode(err)
  const generic = !(err instanceof Error) || err.name === 'Error' || err.name === 'JobFailure'
  const name = code ? `${generic ? 'Error' : err.name} (${code}): ` : generic ? '' : `${err.name}: `
  const text = `${name}${line}`
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** A copy of a job's result that JSON (and so a jsonb column and a response body) can hold. */
export function toResultJson(result: JobResult): JobResult {
  const text = JSON.stringify(result, (_key, value: unknown) =>
    typeof value === 'bigint' ? (Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()) : value,
  )
  const parsed: unknown = text === undefined ? {} : JSON.parse(text)
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JobResult) : { value: parsed }
}

const words = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()

/** A value in words: nested objects as "(event 140, probe 0)", lists by their items or their count. */
function valueText(v: unknown, depth = 0): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  if (typeof v === 'number') return Number.isInteger(v) ? formatNumber(v) : String(v)
  if (Array.isArray(v)) {
    if (v.length === 0) return 'none'
    return v.length > 3 || depth > 0 ? `${v.length} items` : v.map((x) => valueText(x, depth + 1)).join(', ')
  }
  if (typeof v === 'object') {
    if (depth > 0) return '…'
    const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${words(k)} ${valueText(x, depth + 1)}`)
    return parts.length === 0 ? 'none' : `(${parts.join(', ')})`
  }
  return String(v)
}

/** "login attempts 3 · job runs 0 · watermark (event 140, probe 0)": a result summary on one line. */
export function formatResult(result: unknown, max = 160): string {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return result == null ? '' : valueText(result)
  const text = Object.entries(result as Record<string, unknown>)
    .map(([k, v]) => `${words(k)} ${valueText(v)}`)
    .join(' · ')
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/**
 * A run still marked `running` after its timeout and one more lease was cut short (its process stopped: a
 * live runner records every run's outcome by its timeout). Show it as interrupted, not running forever.
 */
export function displayStatus(
  run: { status: string; startedAt: Date },
  maxRunSeconds: number,
  now: Date,
): string {
  if (run.status === 'running' && now.getTime() - run.startedAt.getTime() > maxRunSeconds * 1000) return 'interrupted'
  return run.status
}
