/**
 * The PHI gate of the feedback area: every free-text field of a submission goes through the redactor
 * (lib/phi) here, before the first write, and only what comes out is stored. Which kinds of identifier
 * were removed is kept as counts per kind over all fields ({ "name": 2, "mrn": 1 }), never the values.
 * Pure; redaction.test.ts has the worked examples.
 */
import type { PhiKind } from '../phi/recognise-kit'
import { redactText } from '../phi/redact'

export type RedactionCounts = Partial<Record<PhiKind, number>>

/** Collects the redacted fields of one submission and the counts over all of them. */
export class Redactor {
  readonly counts: RedactionCounts = {}

  text(value: string): string
  text(value: string | null | undefined): string | null
  text(value: string | null | undefined): string | null {
    if (value === null || value === undefined) return null
    const out = redactText(value)
    for (const [kind, n] of Object.entries(out.counts) as [PhiKind, number][]) this.counts[kind] = (this.counts[kind] ?? 0) + n
    return out.text
  }

  /** A coarse one-line value (context): redacted, then cut to `max` characters. */
  coarse(value: string | null | undefined, max = 120): string | null {
    const v = this.text(value)?.trim()
    return v ? v.slice(0, max) : null
  }

  /** Flag variants: keys are flag keys (slugs, kept), variants redacted like any text. */
  variants(values: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [key, variant] of Object.entries(values)) out[this.text(key)] = this.text(variant)
    return out
  }

  /** How many identifiers were removed in all. */
  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + (b ?? 0), 0)
  }
}

/**
 * What the similarity search compares: the redacted text without its tags ("[NAME]" would otherwise make
 * two reports look alike for naming someone), lower case, one space between words.
 */
export function dedupTextOf(redacted: string): string {
  return redacted
    .replace(/\[[A-Z_]+(?:_\d+)?\]/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}
