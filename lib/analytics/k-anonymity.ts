/**
 * k-anonymity for published figures: a count of distinct people between 1 and k − 1 could point at
 * someone in a small department, so it is shown as suppressed (null) instead. Zero says nothing about
 * anyone and stays. k is ANALYTICS_MIN_GROUP_SIZE, 11 by default.
 */
export const DEFAULT_MIN_GROUP_SIZE = 11

export function suppressSmall(count: number, k = DEFAULT_MIN_GROUP_SIZE): number | null {
  return count > 0 && count < k ? null : count
}

/** A rate whose numerator or denominator is suppressed is suppressed too (it would give the count back). */
export function suppressedRate(part: number, whole: number, k = DEFAULT_MIN_GROUP_SIZE): number | null {
  if (suppressSmall(part, k) === null || suppressSmall(whole, k) === null) return null
  return whole === 0 ? null : part / whole
}
