/**
 * A failed run's stored error (errorMessage in ./format.ts: one line, the error's class and, since it is
 * known, its code) as a sentence an operator can act on: what happened and what to do. Mapped by code
 * first; older rows and errors without a code fall back to the few message shapes Wardroom itself writes
 * (the runner's timeout and lease errors, the audit check) and Prisma's and node-postgres's fixed wording.
 * Pure: the admin page and the "Run now" answer share it, and the raw text stays available as the detail.
 */

export type JobErrorKind =
  | 'timeout'
  | 'lease-lost'
  | 'database-unreachable'
  | 'database-full'
  | 'database-busy'
  | 'conflict'
  | 'duplicate'
  | 'audit-broken'
  | 'slo-evaluation'
  | 'configuration'
  | 'outside-service'
  | 'unknown'

export interface JobErrorExplanation {
  kind: JobErrorKind
  /** One or two sentences: what happened, and what a person should do about it. */
  sentence: string
}

/** The code errorMessage puts after the class name: `PrismaClientKnownRequestError (P2028): …`. */
const TAGGED_CODE = /^[\w$]+ \(([A-Z0-9]{4,6}|E[A-Z]+)\): /

const UNREACHABLE_CODES = /^(P1001|P1002|P1017|P2024|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOENT|08[0-9A-Z]{3}|57P0[123]|53300|53200)$/
const BUSY_CODES = /^(P2028|57014)$/ // transaction timed out or closed; statement cancelled (statement_timeout)
const CONFLICT_CODES = /^(P2034|40001|40P01)$/ // write conflict or deadlock; serialization failure; deadlock
const DUPLICATE_CODES = /^(P2002|23505)$/

const SENTENCES: Record<Exclude<JobErrorKind, 'timeout' | 'slo-evaluation'>, string> = {
  'lease-lost':
    'Another Wardroom instance took the job over because this run stopped renewing its hold on it, usually because the server was overloaded or paused. The next run carries on; if this repeats, check the server’s CPU and memory.',
  'database-unreachable':
    'Wardroom could not reach the database during this run. The next run tries again by itself; if it keeps failing, check that the database is up and has free connections.',
  'database-full': 'The database’s disk is full, so the job could not write. Free space or enlarge the disk; the job catches up on its next run.',
  'database-busy':
    'The database was too busy: a step of the run waited too long and was cancelled, and nothing of it was saved. The next run usually succeeds; if it keeps failing, check the database’s load.',
  conflict: 'The run collided with another change to the same records and was rolled back; nothing was lost. The next run tries again.',
  duplicate:
    'The run tried to create a record that already exists, so nothing of it was saved. This points to two runs overlapping or a fault in the job; if it repeats, report it with the technical detail.',
  'audit-broken':
    'The audit trail no longer verifies: an entry was changed, removed or reordered. Treat this as possible tampering: leave the database as it is, and find out who had write access to it.',
  configuration: 'Wardroom is missing a setting this job needs. Follow the technical detail, which names the setting, then restart Wardroom.',
  'outside-service': 'A service outside Wardroom did not answer. The next run tries again; if it keeps failing, check that the service is up and reachable from this server.',
  unknown: 'The run failed with an error Wardroom does not recognise. The next run tries again; if it keeps failing, pass the technical detail to whoever maintains Wardroom.',
}

const explained = (kind: Exclude<JobErrorKind, 'timeout' | 'slo-evaluation'>): JobErrorExplanation => ({ kind, sentence: SENTENCES[kind] })

function byCode(code: string): JobErrorExplanation | null {
  if (code === '53100') return explained('database-full')
  if (UNREACHABLE_CODES.test(code)) return explained('database-unreachable')
  if (BUSY_CODES.test(code)) return explained('database-busy')
  if (CONFLICT_CODES.test(code)) return explained('conflict')
  if (DUPLICATE_CODES.test(code)) return explained('duplicate')
  return null
}

/** Wardroom's own messages and the fixed wording of Prisma, the driver adapter and node-postgres. */
function byMessage(text: string): JobErrorExplanation | null {
  const timeout = /^timeout: the run exceeded (\d+) s/.exec(text)
  if (timeout) {
    return {
      kind: 'timeout',
      sentence: `The run took longer than its ${timeout[1]}-second limit and was stopped. If this repeats, the job has more to do than fits in one run: check the database’s load and how much work is waiting.`,
    }
  }
  if (/^lease lost:/.test(text)) return explained('lease-lost')
  if (/^Audit (chain|trail) is broken/i.test(text)) return explained('audit-broken')
  const slos = /^(\d+) SLO\(s\) could not be evaluated/.exec(text)
  if (slos) {
    const n = Number(slos[1])
    return {
      kind: 'slo-evaluation',
      sentence: `${n === 1 ? 'One service level objective' : `${n} service level objectives`} could not be evaluated; the others were. The server log names each one and why; the next run tries again.`,
    }
  }
  if (/SecretKeyMissingError|set WARDROOM_\w+/.test(text)) return explained('configuration')
  if (/disk is full|No space left on device/i.test(text)) return explained('database-full')
  if (/Can't reach database server|Connection terminated|timeout exceeded when trying to connect|Timed out fetching a new connection|Server has closed the connection|DatabaseNotReachable|ConnectionClosed|TooManyConnections|the database system is (starting|shutting)/i.test(text)) {
    return explained('database-unreachable')
  }
  if (/Transaction already closed|Unable to start a transaction in the given time|expired transaction|Transaction API error|canceling statement due to statement timeout/i.test(text)) {
    return explained('database-busy')
  }
  if (/write conflict or a deadlock|could not serialize access|deadlock detected/i.test(text)) return explained('conflict')
  if (/Unique constraint failed|duplicate key value violates unique constraint/i.test(text)) return explained('duplicate')
  if (/fetch failed|ENOTFOUND|ECONNREFUSED|getaddrinfo|socket hang up/i.test(text)) return explained('outside-service')
  return null
}

export function explainJobError(error: string | null | undefined): JobErrorExplanation {
  const text = (error ?? '').trim()
  const code = TAGGED_CODE.exec(text)?.[1]
  return (code ? byCode(code) : null) ?? byMessage(text) ?? explained('unknown')
}
