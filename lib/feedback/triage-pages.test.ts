/** Worked examples of the triage pages' pure logic: SLA timers, the SLA report, CSAT, the inbox filter. */
import { describe, expect, it } from 'vitest'
import { satisfactionOf, satisfactionReport, weekStart, weeksBetween } from './csat'
import { parseInboxFilter, SaveFilterInput, statusesOf, toQuery } from './inbox-filter'
import { summaryOf } from './inbox-view'
import { safetyIncidentMessage, safetySeverity } from './safety-lane'
import { breachMessage, breachSeverity } from './sla-escalation'
import { median, slaCsvRows, slaReport } from './sla-report'
import { slaSpan, slaTimer } from './sla-timer'

const at = (iso: string) => new Date(`2026-12-07T${iso}:00Z`)

describe('slaTimer', () => {
  it.each([
    // due 12:00; now 08:40 → 3 h 20 min to go
    ['12:00', null, '08:40', 'running', 'due in 3 h 20 min'],
    // overdue: now 12:45
    ['12:00', null, '12:45', 'overdue', 'overdue by 45 min'],
    // a critical item is due on arrival: at the same instant it is overdue by less than a minute
    ['12:00', null, '12:00', 'overdue', 'overdue by under a minute'],
    // triaged at 11:59 → met; at 12:00 exactly → met (≤)
    ['12:00', '11:59', '13:00', 'met', 'met'],
    ['12:00', '12:00', '13:00', 'met', 'met'],
    // triaged at 14:05 → breached by 2 h 5 min
    ['12:00', '14:05', '15:00', 'breached', 'breached by 2 h 5 min'],
  ] as const)('due %s, triaged %s, now %s → %s “%s”', (due, triaged, now, state, text) => {
    expect(slaTimer(at(due), triaged ? at(triaged) : null, at(now))).toEqual({ state, text })
  })

  it('reads days and hours for long waits, whole minutes only', () => {
    expect(slaSpan(2 * 86_400_000 + 4 * 3_600_000 + 59_999)).toBe('2 d 4 h')
    expect(slaSpan(59_999)).toBe('under a minute')
  })
})

describe('slaReport', () => {
  const row = (priority: 'high' | 'low', created: string, due: string, triaged: string | null) => ({ priority, createdAt: at(created), slaDueAt: at(due), triagedAt: triaged ? at(triaged) : null })
  // Three high items due 4 h after arrival: one triaged in 1 h (met), one in 6 h (breached), one still new and late.
  const rows = [row('high', '01:00', '05:00', '02:00'), row('high', '02:00', '06:00', '08:00'), row('high', '03:00', '07:00', null), row('low', '09:00', '23:00', null)]
  const lines = slaReport(rows, at('10:00'))

  it('counts met, breached, open and overdue per priority, with the median time to triage', () => {
    expect(lines.find((l) => l.priority === 'high')).toEqual({ priority: 'high', total: 3, met: 1, breached: 1, open: 1, overdue: 1, metShare: 0.5, medianTriageMs: 3.5 * 3_600_000 })
    expect(lines.find((l) => l.priority === 'low')).toMatchObject({ total: 1, open: 1, overdue: 0, metShare: null, medianTriageMs: null })
    expect(lines.map((l) => l.priority)).toEqual(['critical', 'high', 'medium', 'low'])
  })

  it('writes CSV rows with percent and minutes', () => {
    expect(slaCsvRows(lines)[1]).toEqual(['high', 3, 1, 1, 1, 1, 50, 210])
  })

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNull()
  })
})

describe('CSAT', () => {
  it('is the share of 4 and 5 ratings: ratings 5,5,4,3,1 → 3 of 5 = 60%, mean 3.6', () => {
    expect(satisfactionOf([{ rating: 5, n: 2 }, { rating: 4, n: 1 }, { rating: 3, n: 1 }, { rating: 1, n: 1 }])).toEqual({ answers: 5, mean: 3.6, csat: 0.6 })
    expect(satisfactionOf([])).toBeNull()
  })

  it('hides groups and weeks under 5 answers, counting the hidden groups', () => {
    const rows = [
      { group: 'Cardiology', week: '2026-11-30', rating: 5, n: 4 },
      { group: 'Cardiology', week: '2026-11-30', rating: 2, n: 1 },
      { group: 'Pharmacy', week: '2026-11-30', rating: 4, n: 2 },
      { group: null, week: '2026-12-07', rating: 3, n: 1 },
    ]
    const r = satisfactionReport(rows, ['2026-11-30', '2026-12-07'])
    expect(r.groups).toEqual([
      {
        group: 'Cardiology',
        answers: 5,
        mean: 4.4,
        csat: 0.8,
        weeks: [
          { week: '2026-11-30', answers: 5, csat: 0.8, mean: 4.4 },
          { week: '2026-12-07', answers: 0, csat: null, mean: null },
        ],
      },
    ])
    expect(r.hiddenGroups).toBe(2)
    expect(r.weeks).toEqual([
      { week: '2026-11-30', answers: 7, csat: 6 / 7, mean: 30 / 7 },
      { week: '2026-12-07', answers: 1, csat: null, mean: null },
    ])
    expect(r.overall).toEqual({ answers: 8, mean: 33 / 8, csat: 6 / 8 })
  })

  it('weeks start on Monday (UTC)', () => {
    expect(weekStart(new Date('2026-12-07T23:00:00Z'))).toBe('2026-12-07') // a Monday
    expect(weekStart(new Date('2026-12-06T12:00:00Z'))).toBe('2026-11-30') // Sunday → the Monday before
    expect(weeksBetween(new Date('2026-11-20T00:00:00Z'), new Date('2026-12-07T10:00:00Z'))).toEqual(['2026-11-16', '2026-11-23', '2026-11-30', '2026-12-07'])
  })
})

describe('the inbox filter', () => {
  it('reads the URL, defaulting to open items and dropping what it does not know', () => {
    expect(parseInboxFilter({ priority: 'high', safety: 'yes', bogus: 'x' })).toEqual({ status: 'open', priority: 'high', safety: 'yes' })
    expect(parseInboxFilter(new URLSearchParams('status=nonsense&type=bug&cursor=-3&assignee=me'))).toEqual({ status: 'open', type: 'bug', assignee: 'me' })
    expect(parseInboxFilter({ status: ['done', 'new'], department: 'Cardiology', cursor: '120' })).toEqual({ status: 'done', department: 'Cardiology', cursor: 120 })
  })

  it('writes keys in one order, leaving out the default status and the cursor', () => {
    expect(toQuery({ safety: 'yes', status: 'open', priority: 'high', cursor: 9 })).toBe('priority=high&safety=yes')
    expect(toQuery({ status: 'all', department: 'A & E' })).toBe('status=all&department=A+%26+E')
    expect(toQuery({ status: 'new', cursor: 9 }, { cursor: true })).toBe('status=new&cursor=9')
  })

  it('maps status filters to statuses', () => {
    expect(statusesOf('open')).toEqual(['new', 'triaged', 'in_progress', 'planned'])
    expect(statusesOf('all')).toHaveLength(6)
    expect(statusesOf('done')).toEqual(['done'])
  })

  it('normalises a saved filter’s query', () => {
    expect(SaveFilterInput.parse({ name: ' Safety ', query: 'safety=yes&x=1&status=open' })).toEqual({ name: 'Safety', query: 'safety=yes' })
  })
})

describe('texts without PHI', () => {
  it('names the safety incident by number, category, cue and department only', () => {
    const item = { id: 'x', number: 42, type: 'bug', category: 'accuracy', safetyCue: 'wrong dose', department: 'Cardiology' }
    expect(safetyIncidentMessage(item)).toBe('Patient-safety concern flagged in feedback FB-42 (category accuracy, cue “wrong dose”, department Cardiology). Review it on /feedback.')
    expect(safetyIncidentMessage({ ...item, type: 'clinical_safety', safetyCue: null, department: null })).toBe('Patient-safety concern reported in feedback FB-42 (category accuracy). Review it on /feedback.')
    expect([safetySeverity('clinical_safety'), safetySeverity('bug')]).toEqual(['critical', 'high'])
  })

  it('lists the late items of a breach, the oldest first, at most ten', () => {
    const now = at('12:00')
    const items = Array.from({ length: 12 }, (_, i) => ({ id: `${i}`, number: 100 + i, priority: 'medium' as const, slaDueAt: new Date(now.getTime() - (i + 1) * 60_000) }))
    expect(breachMessage(items, now)).toBe(
      '12 feedback items waiting past the processing SLA: FB-111, FB-110, FB-109, FB-108, FB-107, FB-106, FB-105, FB-104, FB-103, FB-102 and 2 more (oldest overdue by 12 min). Triage them on /feedback.',
    )
    expect(breachSeverity([{ priority: 'low' }, { priority: 'high' }])).toBe('high')
    expect(breachSeverity([{ priority: 'low' }, { priority: 'medium' }])).toBe('medium')
    expect(breachSeverity([{ priority: 'low' }])).toBe('low')
  })

  it('summarises an item by its title or first line, cut at a word', () => {
    expect(summaryOf(null, '\nSlow screen\nmore')).toBe('Slow screen')
    const long = 'word '.repeat(40)
    expect(summaryOf(null, long).length).toBeLessThanOrEqual(141)
    expect(summaryOf(null, long).endsWith('word…')).toBe(true)
  })
})
