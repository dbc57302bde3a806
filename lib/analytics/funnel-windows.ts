/**
 * The per-user step of an ordered or strict funnel without exclusions, in window functions only (no
 * function call per event): the same counted chain as `analytics_funnel_chains` (funnel-engine.ts), found
 * another way. Every step-1 event in the range starts a chain; a chain takes the first event of its next
 * step after its last one, so its steps are fixed by where it starts, and the window only cuts it short.
 *
 * - ordered: one pass per step from the last back, over the user's events in reverse order, each a
 *   running minimum over the events after the current one: `k{k}_{m}` is the time of step m of the chain
 *   that takes the first step-k event after this event as its step k (the first such event's own
 *   continuation, as continuations only get later the later the event; NULL when there is none).
 * - strict: a chain is a run of consecutive funnel events, so lead() over one pass gives its steps.
 *
 * The user's chain is the one that got furthest, then got there first, then started last: the least
 * ARRAY[-level, reach, -start, …] (arrays compare element by element). Output as the aggregate's:
 * per_user(u, c = [level, time of step 1..n in ms, -1 past the level], dim when asked for).
 * Reads the CTE `ev` (u, t in ms, id, f[, dim]); $3 is the window in ms.
 */
const IN_RANGE = 1 << 15
const ANY_STEP_OR_EXCLUSION = IN_RANGE - 1
// Users are told apart byte by byte ("C"): sorting pseudonyms by a language's rules costs more and means nothing.
const REVERSE = 'PARTITION BY u COLLATE "C" ORDER BY t DESC, id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING'
const FORWARD = 'PARTITION BY u COLLATE "C" ORDER BY t, id'
const bit = (step: number) => 1 << (step - 1)

export function windowedPerUser(n: number, mode: 'ordered' | 'strict', withDimension: boolean): string {
  const ctes: string[] = [`fe AS (SELECT * FROM ev WHERE f & ${ANY_STEP_OR_EXCLUSION} <> 0)`]
  /** The time of step m (2..n) of the chain starting at a step-1 event, and whether it is within the window. */
  let stepAt: (m: number) => string
  let reached: (m: number) => string
  let last = 'fe'
  if (mode === 'ordered') {
    for (let k = n; k >= 2; k--) {
      const cols = []
      for (let m = k; m <= n; m++) {
        const source = m === k ? 't' : `k${k + 1}_${m}`
        cols.push(`min(CASE WHEN f & ${bit(k)} <> 0 THEN ${source} END) OVER w AS k${k}_${m}`)
      }
      ctes.push(`p${k} AS (SELECT *, ${cols.join(', ')} FROM ${last} WINDOW w AS (${REVERSE}))`)
      last = `p${k}`
    }
    stepAt = (m) => `k2_${m}`
    reached = (m) => `k2_${m} <= t + $3::bigint`
  } else {
    const cols = []
    for (let j = 1; j < n; j++) cols.push(`lead(f, ${j}) OVER w AS f${j}`, `lead(t, ${j}) OVER w AS a${j}`)
    ctes.push(`s1 AS (SELECT *, ${cols.join(', ')} FROM fe WINDOW w AS (${FORWARD}))`)
    last = 's1'
    stepAt = (m) => `a${m - 1}`
    reached = (m) => `f${m - 1} & ${bit(m)} <> 0 AND a${m - 1} <= t + $3::bigint`
  }
  const levels = Array.from({ length: n - 1 }, (_, i) => `WHEN NOT coalesce(${reached(i + 2)}, false) THEN ${i + 1}`)
  const times = Array.from({ length: n - 1 }, (_, i) => `, ${stepAt(i + 2)} AS t${i + 2}`).join('')
  ctes.push(`chains AS (SELECT u, t, id${withDimension ? ', dim' : ''}, CASE ${levels.join(' ')} ELSE ${n} END AS level${times} FROM ${last} WHERE f & ${IN_RANGE | 1} = ${IN_RANGE | 1})`)
  const stepMs = Array.from({ length: n - 1 }, (_, i) => `CASE WHEN level >= ${i + 2} THEN t${i + 2} ELSE -1 END`)
  const reach = `CASE level WHEN 1 THEN t ${stepMs.map((_, i) => `WHEN ${i + 2} THEN t${i + 2}`).join(' ')} END`
  ctes.push(
    `best AS (SELECT u COLLATE "C" AS u, min(ARRAY[-level, ${reach}, -t, t, ${stepMs.join(', ')}]) AS b${withDimension ? ', (array_agg(dim ORDER BY t, id))[1] AS dim' : ''} FROM chains GROUP BY 1)`,
    `per_user AS (SELECT u COLLATE "default" AS u, ARRAY[-b[1]] || b[4:] AS c${withDimension ? ', dim' : ''} FROM best)`,
  )
  return ctes.join(',\n    ')
}
