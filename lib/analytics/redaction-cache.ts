/**
 * Redactions remembered across batches, without remembering what was redacted. Ingest redacts every
 * string it keeps (normalize.ts), and the strings clinical apps send repeat across batches: models,
 * decisions, screens, departments. lib/phi's redactor costs tens of microseconds a string (thirteen
 * recognisers), about as much as everything else ingest does with an event, so each distinct string is
 * redacted once per process rather than once per batch.
 *
 * What is kept: the redacted text — what ingest stores in the database anyway — under a keyed HMAC of the
 * input (a random key of this process, never stored), not the input: a heap dump shows no text a client
 * sent, and a digest cannot be tested against guessed names without the key. Two inputs would share an
 * entry only if their 256-bit HMACs agreed. Bounded: two generations of at most MAX_ENTRIES / 2 entries
 * each, the older dropped whole when the newer fills; inputs longer than MAX_INPUT (free text, which rarely
 * repeats) are redacted each time.
 */
import { randomBytes } from 'node:crypto'
import { redact } from '../phi/redact'
import { keyedMac } from './pseudonym'

export const MAX_ENTRIES = 50_000
export const MAX_INPUT = 256

export interface RedactionCache {
  (text: string): string
  /** Entries held now. */
  readonly size: number
  /** What it holds (digest, redacted text): for tests, which check that no input is among it. */
  entries(): [string, string][]
}

export function redactionCache(maxEntries = MAX_ENTRIES, redactor: (text: string) => string = redact): RedactionCache {
  const mac = keyedMac(randomBytes(32))
  let current = new Map<string, string>()
  let previous = new Map<string, string>()
  const cached = ((text: string) => {
    if (text.length > MAX_INPUT) return redactor(text)
    const digest = mac('redact', text)
    let out = current.get(digest)
    if (out !== undefined) return out
    out = previous.get(digest) ?? redactor(text)
    if (current.size >= maxEntries / 2) {
      previous = current
      current = new Map()
    }
    current.set(digest, out)
    return out
  }) as RedactionCache
  Object.defineProperty(cached, 'size', { get: () => current.size + previous.size })
  cached.entries = () => [...previous, ...current]
  return cached
}

/** The process's cache, which ingest uses. */
export const processRedactionCache: RedactionCache = redactionCache()
