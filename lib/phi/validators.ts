/**
 * Validators the recognisers use to tell an identifier from a look-alike: a 16-digit run that fails Luhn
 * is a request id, not a card; 000-12-3456 is not an SSN; 31/02/2024 is not a date; 10.0.3.17 is a machine
 * on the private network, not a patient's connection. Pure, table-tested.
 */
import ipaddr from 'ipaddr.js'

/** Luhn (mod 10) check over the digits of s (other characters ignored). Cards, IMEIs, NPIs use it. */
export function luhnValid(s: string): boolean {
  const digits = s.replace(/\D/g, '')
  if (digits.length < 2) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** SSA rules: area not 000, 666 or 900–999; group not 00; serial not 0000. */
export function ssnValid(s: string): boolean {
  const d = s.replace(/\D/g, '')
  if (d.length !== 9) return false
  const area = Number(d.slice(0, 3))
  return area !== 0 && area !== 666 && area < 900 && d.slice(3, 5) !== '00' && d.slice(5) !== '0000'
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** A calendar date that can exist (29 February allowed when the year is unknown or a leap year). */
export function dateValid(year: number | null, month: number, day: number): boolean {
  if (!Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return false
  if (year !== null && (year < 1875 || year > 2100)) return false
  if (day > DAYS_IN_MONTH[month - 1]!) return false
  if (month === 2 && day === 29 && year !== null) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return true
}

/** Four-digit year from a 2- or 4-digit field (two digits: 00–29 → 20xx, else 19xx). */
export function fullYear(y: string): number {
  const n = Number(y)
  return y.length === 2 ? (n < 30 ? 2000 + n : 1900 + n) : n
}

const KEEP_V4 = new Set(['private', 'loopback', 'linkLocal', 'unspecified', 'carrierGradeNat', 'broadcast', 'multicast', 'reserved'])
const KEEP_V6 = new Set(['loopback', 'linkLocal', 'uniqueLocal', 'unspecified', 'multicast', 'reserved'])

const FOUR_PART = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/

/** Outside the ranges of KEEP_V4 (ipaddr.js 2.x SpecialRanges: unspecified, broadcast, multicast, link-local, loopback, CGNAT, private, reserved). */
function publicV4(a: number, b: number, c: number): boolean {
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false // 0/8, 10/8, 127/8, 224/4 multicast, 240/4 reserved, broadcast
  if (a === 100 && b >= 64 && b <= 127) return false // 100.64/10
  if (a === 169 && b === 254) return false // 169.254/16
  if (a === 172 && b >= 16 && b <= 31) return false // 172.16/12
  if (a === 192 && (b === 168 || (b === 0 && (c === 0 || c === 2)) || (b === 88 && c === 99))) return false
  if (a === 198 && (b === 18 || b === 19 || (b === 51 && c === 100))) return false // 198.18/15, 198.51.100/24
  if (a === 203 && b === 0 && c === 113) return false // 203.0.113/24
  return true
}

/**
 * An IP address that can point at a person: a valid public address. Private, loopback and other
 * non-routable ranges name Wardroom's own machines (10.0.3.17:8080), which ops need and which identify no one.
 */
export function personalIp(s: string): boolean {
  // IPv4 (the common case) is decided here without parsing objects; same answer as ipaddr.js's range().
  if (!s.includes(':')) {
    const m = FOUR_PART.exec(s)
    if (!m) return false // not a valid dotted four-part decimal (octal, hex, short forms are not addresses here)
    const a = Number(m[1])
    const b = Number(m[2])
    const c = Number(m[3])
    const d = Number(m[4])
    return a <= 255 && b <= 255 && c <= 255 && d <= 255 && publicV4(a, b, c)
  }
  // Unique-local fc00::/7, link-local fe80::/10 and multicast ff00::/8 stay whether or not the rest is valid.
  if (/^f(?:[cd][0-9a-f]{2}|e[89ab][0-9a-f]|f[0-9a-f]{2}):/i.test(s) || s === '::' || s === '::1') return false
  if (!ipaddr.isValid(s)) return false
  if (ipaddr.IPv4.isValid(s) && !ipaddr.IPv4.isValidFourPartDecimal(s)) return false
  const addr = ipaddr.parse(s)
  if (addr.kind() === 'ipv4') return !KEEP_V4.has((addr as ipaddr.IPv4).range())
  const v6 = addr as ipaddr.IPv6
  if (v6.isIPv4MappedAddress()) return !KEEP_V4.has(v6.toIPv4Address().range())
  return !KEEP_V6.has(v6.range())
}

/** ISO 13616 IBAN check (mod 97 = 1). */
export function ibanValid(s: string): boolean {
  const v = s.replace(/\s/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v)) return false
  const moved = v.slice(4) + v.slice(0, 4)
  let rem = 0
  for (const ch of moved) {
    const code = ch.charCodeAt(0)
    const part = code >= 65 ? String(code - 55) : ch
    for (const c of part) rem = (rem * 10 + (c.charCodeAt(0) - 48)) % 97
  }
  return rem === 1
}

const VIN_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
}
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

/** North American VIN check digit (position 9). */
export function vinValid(s: string): boolean {
  const v = s.toUpperCase()
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(v)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const c = v[i]!
    sum += (c >= '0' && c <= '9' ? Number(c) : VIN_VALUES[c]!) * VIN_WEIGHTS[i]!
  }
  const check = sum % 11
  return v[8] === (check === 10 ? 'X' : String(check))
}
