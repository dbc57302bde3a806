/**
 * Dedup keys: alerts with the same key join the open incident instead of opening another. Pure.
 *
 * Order of precedence: an explicit key (dedupKey / PagerDuty dedup_key), the peer's fingerprint, else a
 * stable hash of service | system | message after normalisation (case, whitespace). The message is hashed
 * after PHI redaction, so two alerts that differ only by a patient identifier group together and no
 * identifier survives in the key. Explicit keys that themselves look like PHI are replaced by their hash.
 */
import { createHash } from 'node:crypto'
import { containsPhi } from '../phi/redact'

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

export function normaliseForDedup(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ')
}

/** The stable hash of service | system | message (message already redacted). */
export function contentDedupKey(parts: { service?: string | null; system: string; message: string }): string {
  // Separators inside a part are escaped, so ("a|b", "c") and ("a", "b|c") stay different keys.
  const text = [parts.service, parts.system, parts.message].map((p) => normaliseForDedup(p).replace(/[\\|]/g, '\\$&')).join('|')
  return `h:${sha256(text)}`
}

/** A key given by a machine, kept as is unless it carries something that looks like PHI. */
export function safeKey(key: string): string {
  const k = key.trim()
  return containsPhi(k) ? `k:${sha256(k)}` : k
}

export function dedupKeyFor(input: {
  dedupKey?: string | null
  fingerprint?: string | null
  service?: string | null
  system: string
  message: string
}): string {
  if (input.dedupKey?.trim()) return safeKey(input.dedupKey)
  if (input.fingerprint?.trim()) return safeKey(`fp:${input.fingerprint.trim()}`)
  return contentDedupKey(input)
}

/**
 * The incident key of an Alertmanager notification group. Alertmanager already groups related alerts
 * (route group_by); one group is one incident, and its alerts are told apart by fingerprint — so a
 * resolved alert resolves its part, and the incident resolves when every part has.
 */
export function alertmanagerGroupKey(receiver: string, groupKey: string): string {
  return `am:${sha256(`${receiver}\n${groupKey}`).slice(0, 40)}`
}

/** Alertmanager computes fingerprints from labels; when a payload lacks one, do the same. */
export function labelsFingerprint(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0000')
  return sha256(canonical).slice(0, 16)
}
