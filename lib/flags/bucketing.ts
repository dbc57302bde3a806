/**
 * Deterministic, sticky percentage bucketing, the method Unleash uses with a finer resolution:
 *
 *   hash   = murmur3_x86_32(utf8("<flagKey>:<targetingKey>"), seed 0)   (unsigned 32-bit)
 *   bucket = (hash % 10000) / 100                                          (0.00 … 99.99, steps of 0.01 %)
 *   a subject is in a percentage p when bucket < p
 *
 * The hash depends only on the flag key and the subject, so every process, every restart and every SDK that
 * implements the same formula puts a subject in the same bucket. Because "in" means bucket < p, raising p
 * keeps everyone who was already in (sticky rollouts); lowering it removes the highest buckets first.
 * Salting with the flag key makes buckets independent across flags. A split walks its parts in order and
 * gives the subject the part whose cumulative share covers its bucket, so a rollout split
 * [{new, p}, {old, 100 - p}] is exactly "bucket < p".
 */
import type { SplitPart } from './schema'

const C1 = 0xcc9e2d51
const C2 = 0x1b873593
const encoder = new TextEncoder()
let scratch = new Uint8Array(256)

/** UTF-8 bytes of `s` in a reused buffer (ASCII fast path: no allocation). */
function utf8(s: string): { bytes: Uint8Array; length: number } {
  const n = s.length
  if (n > scratch.length) scratch = new Uint8Array(n * 2)
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c > 0x7f) {
      const bytes = encoder.encode(s)
      return { bytes, length: bytes.length }
    }
    scratch[i] = c
  }
  return { bytes: scratch, length: n }
}

/** MurmurHash3 x86 32-bit of the UTF-8 bytes of `key` (Austin Appleby's reference algorithm). */
export function murmur3_x86_32(key: string, seed = 0): number {
  const { bytes, length } = utf8(key)
  let h = seed | 0
  const blocks = length & ~3
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)
    k = Math.imul(k, C1)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, C2)
    h ^= k
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  let k = 0
  switch (length & 3) {
    case 3:
      k ^= bytes[blocks + 2]! << 16
    // falls through
    case 2:
      k ^= bytes[blocks + 1]! << 8
    // falls through
    case 1:
      k ^= bytes[blocks]!
      k = Math.imul(k, C1)
      k = (k << 15) | (k >>> 17)
      k = Math.imul(k, C2)
      h ^= k
  }
  h ^= length
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Bucket units 0 … 9999 (one unit = 0.01 %). */
export function bucketUnits(flagKey: string, targetingKey: string): number {
  return murmur3_x86_32(`${flagKey}:${targetingKey}`, 0) % 10000
}

/** The subject's bucket for a flag as a percentage, 0.00 … 99.99. */
export function bucketOf(flagKey: string, targetingKey: string): number {
  return bucketUnits(flagKey, targetingKey) / 100
}

/** Whether a subject is inside a percentage rollout: bucket < percentage (so raising it is sticky). */
export function inPercentage(flagKey: string, targetingKey: string, percentage: number): boolean {
  return bucketUnits(flagKey, targetingKey) < percentage * 100
}

/** Cumulative thresholds in bucket units for a split (weights need not add up to 100). */
export function splitThresholds(split: readonly SplitPart[]): number[] {
  const total = split.reduce((a, p) => a + Math.max(0, p.weight), 0)
  let acc = 0
  return split.map((p) => {
    acc += Math.max(0, p.weight)
    return total > 0 ? (acc / total) * 10000 : 0
  })
}

/** The index of the split part a bucket falls in. */
export function pickSplitIndex(thresholds: readonly number[], units: number): number {
  for (let i = 0; i < thresholds.length; i++) if (units < thresholds[i]!) return i
  return thresholds.length - 1
}
