/**
 * Cron expressions in words for the admin page ("every hour at :00", "daily at 03:15"). Covers the shapes
 * our jobs use; anything else reads "custom schedule" and the page shows the expression beside it.
 */
const FALLBACK = 'custom schedule'

const NICKNAMES: Record<string, string> = {
  '@yearly': 'yearly on 1 January at 00:00',
  '@annually': 'yearly on 1 January at 00:00',
  '@monthly': 'monthly on day 1 at 00:00',
  '@weekly': 'every Sunday at 00:00',
  '@daily': 'daily at 00:00',
  '@midnight': 'daily at 00:00',
  '@hourly': 'every hour at :00',
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const DAY_ALIASES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

const pad = (n: number) => String(n).padStart(2, '0')

export function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

function toNumber(token: string, min: number, max: number, aliases?: string[]): number | null {
  const alias = aliases?.indexOf(token) ?? -1
  if (alias >= 0) return alias
  if (!/^\d+$/.test(token)) return null
  const n = Number(token)
  return n >= min && n <= max ? n : null
}

/** Values of a field made of numbers, names, ranges and lists (no steps, no wildcards); null otherwise. */
function expandField(field: string, min: number, max: number, aliases?: string[]): number[] | null {
  const out = new Set<number>()
  for (const part of field.split(',')) {
    const [from, to, ...rest] = part.split('-')
    if (rest.length || from === undefined) return null
    const a = toNumber(from, min, max, aliases)
    const b = to === undefined ? a : toNumber(to, min, max, aliases)
    if (a === null || b === null || b < a) return null
    for (let v = a; v <= b; v++) out.add(v)
  }
  return [...out].sort((x, y) => x - y)
}

/** N for a `*` + `/N` step field, null otherwise. */
function stepOf(field: string): number | null {
  const m = /^\*\/(\d+)$/.exec(field)
  const n = m ? Number(m[1]) : 0
  return n > 0 ? n : null
}

function describeDays(dom: string, dow: string): string | null {
  if (dom === '*' && dow === '*') return 'daily'
  if (dom === '*') {
    const days = expandField(dow, 0, 7, DAY_ALIASES)?.map((d) => d % 7)
    if (!days) return null
    const set = [...new Set(days)].sort((x, y) => x - y)
    if (set.length === 7) return 'daily'
    if (set.join() === '1,2,3,4,5') return 'weekdays'
    if (set.join() === '0,6') return 'weekends'
    return `every ${joinWords(set.map((d) => DAY_NAMES[d]!))}`
  }
  if (dow === '*') {
    if (dom === 'l') return 'monthly on the last day'
    const days = expandField(dom, 1, 31)
    return days ? `monthly on day ${joinWords(days.map(String))}` : null
  }
  return null
}

export function describeSchedule(expression: string): string {
  const expr = expression.trim().toLowerCase()
  if (NICKNAMES[expr]) return NICKNAMES[expr]
  let parts = expr.split(/\s+/).map((p) => (p === '?' ? '*' : p))
  // Six fields lead with seconds; only "at second 0" reads like a five-field expression, and sub-minute
  // steps (WARDROOM_JOB_SCHEDULES for soak tests) read as "every N seconds".
  if (parts.length === 6) {
    if (parts.slice(1).every((p) => p === '*')) {
      const step = parts[0] === '*' ? 1 : stepOf(parts[0]!)
      if (step) return step === 1 ? 'every second' : `every ${step} seconds`
    }
    if (parts[0] !== '0') return FALLBACK
    parts = parts.slice(1)
  }
  if (parts.length !== 5) return FALLBACK
  const [min, hour, dom, month, dow] = parts as [string, string, string, string, string]
  // Months: only the quarters' first months, with days of the month (the quarterly roadmap review).
  const quarterly = month === '1,4,7,10' && dow === '*' && dom !== '*'
  if (month !== '*' && !quarterly) return FALLBACK
  const everyDay = dom === '*' && dow === '*'

  if (hour === '*') {
    if (!everyDay) return FALLBACK
    if (min === '*') return 'every minute'
    const step = stepOf(min)
    if (step) return step === 1 ? 'every minute' : `every ${step} minutes`
    const minutes = expandField(min, 0, 59)
    return minutes ? `every hour at ${joinWords(minutes.map((m) => `:${pad(m)}`))}` : FALLBACK
  }

  const minute = toNumber(min, 0, 59)
  if (minute === null) return FALLBACK
  const hourStep = stepOf(hour)
  if (hourStep) {
    if (!everyDay) return FALLBACK
    return hourStep === 1 ? `every hour at :${pad(minute)}` : `every ${hourStep} hours at :${pad(minute)}`
  }
  const hours = expandField(hour, 0, 23)
  const days = describeDays(dom, dow)
  if (!hours || !days) return FALLBACK
  if (quarterly) return `${days.replace('monthly', 'quarterly (January, April, July, October)')} at ${joinWords(hours.map((h) => `${pad(h)}:${pad(minute)}`))}`
  return `${days} at ${joinWords(hours.map((h) => `${pad(h)}:${pad(minute)}`))}`
}
