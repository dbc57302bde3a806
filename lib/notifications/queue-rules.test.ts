import { describe, expect, it } from 'vitest'
import { claimable, probes, releasedOnRecovery, waitsForEarlier, type QueuedMessage } from './queue-rules'
import { nextAttemptAt } from './retry'

const SEC = 1000
const MIN = 60 * SEC
const t = (hms: string) => new Date(`2026-03-01T${hms}Z`)

let seq = 0n
function msg(over: Partial<QueuedMessage> & { id: string }): QueuedMessage {
  seq += 1n
  return { channelId: 'slack', incidentId: 'A', seq, status: 'pending', attempts: 0, nextAttemptAt: t('10:00:00'), claimedUntil: null, lastAttemptAt: null, ...over }
}
const ids = (ms: QueuedMessage[]) => ms.map((m) => m.id)

describe('order within an incident and channel', () => {
  // Incident A on Slack: triggered 10:00 (failed twice, next try 10:04), escalated 10:05, resolved 10:07.
  const trigger = msg({ id: 'A-trigger', attempts: 2, nextAttemptAt: t('10:04:00'), lastAttemptAt: t('10:02:00') })
  const escalate = msg({ id: 'A-escalate', nextAttemptAt: t('10:05:00') })
  const resolve = msg({ id: 'A-resolve', nextAttemptAt: t('10:07:00') })
  // Incident B on Slack, triggered 10:06; incident A on e-mail, whose trigger went out at 10:00.
  const otherIncident = msg({ id: 'B-trigger', incidentId: 'B', nextAttemptAt: t('10:06:00') })
  const mailTrigger = msg({ id: 'A-mail-trigger', channelId: 'mail', status: 'delivered' })
  const mailEscalate = msg({ id: 'A-mail-escalate', channelId: 'mail', nextAttemptAt: t('10:05:00') })
  const all = [trigger, escalate, resolve, otherIncident, mailTrigger, mailEscalate]

  it('at 10:03:30 the trigger is not due yet, so the escalation and resolution behind it wait too', () => {
    expect(waitsForEarlier(escalate, all)).toBe(true)
    expect(waitsForEarlier(resolve, all)).toBe(true)
    expect(ids(claimable(all, t('10:03:30'), 10))).toEqual([])
  })

  it('at 10:08 the trigger goes first; other incidents and other channels do not wait for it', () => {
    expect(ids(claimable(all, t('10:08:00'), 10))).toEqual(['A-trigger', 'A-mail-escalate', 'B-trigger'])
  })

  it('once the trigger is delivered the escalation goes, then the resolution', () => {
    const afterTrigger = all.map((m) => (m === trigger ? { ...m, status: 'delivered' } : m))
    expect(ids(claimable(afterTrigger, t('10:08:00'), 10))).toContain('A-escalate')
    expect(ids(claimable(afterTrigger, t('10:08:00'), 10))).not.toContain('A-resolve')
    const afterEscalate = afterTrigger.map((m) => (m.id === 'A-escalate' ? { ...m, status: 'delivered' } : m))
    expect(ids(claimable(afterEscalate, t('10:08:00'), 10))).toContain('A-resolve')
  })

  it('a message given up (dead after 24 h) no longer holds the later ones back', () => {
    const dead = all.map((m) => (m === trigger ? { ...m, status: 'dead' } : m))
    expect(ids(claimable(dead, t('10:08:00'), 10))).toContain('A-escalate')
  })

  it('test messages (no incident) form no chain', () => {
    const a = msg({ id: 'test-1', incidentId: null, status: 'pending', nextAttemptAt: t('10:09:00') })
    const b = msg({ id: 'test-2', incidentId: null, nextAttemptAt: t('10:08:00') })
    expect(ids(claimable([a, b], t('10:09:00'), 10))).toEqual(['test-2', 'test-1'])
  })
})

describe('what a pass takes', () => {
  it('due by its start plus 5 s of scheduler tolerance, soonest first, then in event order, up to the limit', () => {
    const run = t('10:08:00.050')
    const late = msg({ id: 'late', incidentId: 'L', nextAttemptAt: t('10:08:05.051') })
    const edge = msg({ id: 'edge', incidentId: 'E', nextAttemptAt: t('10:08:05.050') })
    const jittered = msg({ id: 'jittered', incidentId: 'J', nextAttemptAt: t('10:08:00.400') }) // the previous run started at 10:07:00.400
    const early1 = msg({ id: 'early-1', incidentId: 'X', nextAttemptAt: t('10:07:00') })
    const early2 = msg({ id: 'early-2', incidentId: 'Y', nextAttemptAt: t('10:07:00') })
    expect(ids(claimable([late, edge, jittered, early2, early1], run, 10))).toEqual(['early-1', 'early-2', 'jittered', 'edge'])
    expect(ids(claimable([late, edge, jittered, early2, early1], run, 2))).toEqual(['early-1', 'early-2'])
  })

  it('skips a message another pass holds, until that claim lapses (a crashed pass)', () => {
    const held = msg({ id: 'held', claimedUntil: t('10:13:00') })
    expect(claimable([held], t('10:12:59'), 10)).toEqual([])
    expect(ids(claimable([held], t('10:13:00'), 10))).toEqual(['held'])
  })
})

describe("the channel's circuit", () => {
  it('a success at 10:07 releases the channel’s messages waiting for a retry, not those held, tried or elsewhere', () => {
    const now = t('10:07:00')
    const waiting = msg({ id: 'waiting', incidentId: 'W', attempts: 3, nextAttemptAt: t('10:09:30'), lastAttemptAt: t('10:05:30') })
    const held = msg({ id: 'held', incidentId: 'H', attempts: 1, nextAttemptAt: t('10:08:00'), claimedUntil: t('10:12:00') })
    const triedThisPass = msg({ id: 'tried', incidentId: 'T', attempts: 4, nextAttemptAt: t('10:12:00'), lastAttemptAt: now })
    const alreadyDue = msg({ id: 'due', incidentId: 'D', nextAttemptAt: t('10:06:00') })
    const elsewhere = msg({ id: 'mail', incidentId: 'M', channelId: 'mail', attempts: 2, nextAttemptAt: t('10:10:00') })
    expect(ids(releasedOnRecovery([waiting, held, triedThisPass, alreadyDue, elsewhere], 'slack', now))).toEqual(['waiting'])
  })

  it('a failing channel is probed once a minute with the message due soonest, jitter of the run included', () => {
    const a = msg({ id: 'a', incidentId: 'A', attempts: 5, nextAttemptAt: t('10:13:00'), lastAttemptAt: t('10:08:00.400') })
    const b = msg({ id: 'b', incidentId: 'B', attempts: 4, nextAttemptAt: t('10:11:00'), lastAttemptAt: t('10:07:00') })
    const fresh = msg({ id: 'fresh', incidentId: 'F', nextAttemptAt: t('10:08:30') }) // never tried: not a probe
    const mailOk = msg({ id: 'mail', channelId: 'mail', status: 'delivered', attempts: 1, lastAttemptAt: t('10:08:00') })
    const all = [a, b, fresh, mailOk]
    expect(ids(probes(all, t('10:08:30')))).toEqual([]) // tried 30 s ago
    expect(ids(probes(all, t('10:09:00.050')))).toEqual(['b']) // 59.65 s after the last try: still this minute's probe
    // Another pass holds b: the probe is the next one due (a, once it too was last tried a minute ago).
    const aEarlier = { ...a, lastAttemptAt: t('10:07:30') }
    expect(ids(probes([aEarlier, { ...b, claimedUntil: t('10:14:00') }], t('10:09:00.050')))).toEqual(['a'])
  })
})

interface Outage {
  down: [Date, Date]
  /** How late each minute's run starts after its tick, ms. */
  late: (minute: number) => number
}

/**
 * The rules played out: runs every minute (and a pass a second after each message is made, as deliverSoon
 * does), each taking what is claimable, then the probes, recording outcomes as delivery.ts does (a success
 * releases the channel). Returns when each message was delivered and every send the receiver accepted.
 */
function play(messages: { id: string; incidentId: string; at: Date }[], outage: Outage) {
  const rows = messages.map((m, i) => ({ ...msg({ id: m.id, incidentId: m.incidentId, nextAttemptAt: m.at }), seq: BigInt(i + 1), createdAt: m.at }))
  const accepted: { id: string; at: Date }[] = []
  const up = (at: Date) => at < outage.down[0] || at >= outage.down[1]
  const pass = (now: Date) => {
    for (let probing = false; ; ) {
      const visible = rows.filter((r) => r.createdAt <= now)
      const batch = probing ? probes(visible, now) : claimable(visible, now, 20)
      if (batch.length === 0) {
        if (probing) return
        probing = true
        continue
      }
      for (const m of batch) {
        const r = rows.find((x) => x.id === m.id)!
        if (up(now)) {
          accepted.push({ id: r.id, at: now })
          for (const x of releasedOnRecovery(visible, r.channelId, now)) x.nextAttemptAt = now
          Object.assign(r, { status: 'delivered', attempts: r.attempts + 1, lastAttemptAt: now })
        } else if (probing) r.lastAttemptAt = now
        else Object.assign(r, { attempts: r.attempts + 1, lastAttemptAt: now, nextAttemptAt: nextAttemptAt(r.createdAt, r.attempts + 1, now, 0.5)! })
      }
      probing = false
    }
  }
  const start = messages[0]!.at.getTime()
  const kicks = messages.map((m) => m.at.getTime() + SEC)
  const runs = Array.from({ length: 24 * 60 }, (_, k) => Math.ceil(start / MIN) * MIN + k * MIN + outage.late(k))
  for (const at of [...kicks, ...runs].sort((x, y) => x - y)) {
    if (rows.every((r) => r.status === 'delivered')) break
    pass(new Date(at))
  }
  return accepted
}

describe('a receiver that is down, then back (the issue’s ten messages)', () => {
  // Four incidents during the outage: triggered, escalated or acknowledged, resolved.
  const ten = [
    ['A', 'trigger', '10:00:10'],
    ['B', 'trigger', '10:00:30'],
    ['C', 'trigger', '10:01:00'],
    ['A', 'escalate', '10:01:10'],
    ['B', 'acknowledge', '10:01:30'],
    ['C', 'escalate', '10:02:00'],
    ['D', 'trigger', '10:02:20'],
    ['D', 'acknowledge', '10:02:30'],
    ['A', 'resolve', '10:02:40'],
    ['B', 'resolve', '10:02:50'],
  ].map(([incidentId, kind, at]) => ({ id: `${incidentId}-${kind}`, incidentId: incidentId!, at: t(at!) }))
  const wobbly = (k: number) => [400, 50, 900, 10, 2500][k % 5]!

  it.each([
    ['3 min', '10:03:03'],
    ['7 min', '10:07:03'],
    ['40 min', '10:40:03'],
    ['3 h', '13:00:03'],
  ])('down %s (back at %s, just after that minute’s run): everything within the next minute’s run, in order, once each', (_label, back) => {
    const accepted = play(ten, { down: [t('10:00:00'), t(back)], late: wobbly })
    expect(accepted.map((a) => a.id).sort()).toEqual(ten.map((m) => m.id).sort()) // each once
    for (const incident of ['A', 'B', 'C', 'D']) {
      const mine = ten.filter((m) => m.incidentId === incident).map((m) => m.id)
      expect(accepted.filter((a) => a.id.startsWith(`${incident}-`)).map((a) => a.id)).toEqual(mine)
    }
    const delay = Math.max(...accepted.map((a) => a.at.getTime())) - t(back).getTime()
    expect(delay).toBeGreaterThan(55 * SEC) // back just after a run: the next minute's run it is
    expect(delay).toBeLessThanOrEqual(60 * SEC)
  })
})
