import { describe, expect, it } from 'vitest'
import { cronProblem, effectiveSchedule, parseScheduleOverrides } from './schedules'

const known = ['housekeeping', 'sli-rollup', 'audit-verify']
const parse = (raw: string | undefined) => parseScheduleOverrides(raw, known)

describe('parseScheduleOverrides (WARDROOM_JOB_SCHEDULES)', () => {
  it.each([
    [undefined, {}],
    ['', {}],
    ['   ', {}],
    ['{}', {}],
    ['{"*":"*/15 * * * * *"}', { '*': '*/15 * * * * *' }],
    ['{"housekeeping":"0 */6 * * *"}', { housekeeping: '0 */6 * * *' }],
    ['{"*":"* * * * *","audit-verify":"0 3 * * *"}', { '*': '* * * * *', 'audit-verify': '0 3 * * *' }],
    ['{"sli-rollup":"  30 * * * * *  "}', { 'sli-rollup': '30 * * * * *' }],
    ['{"housekeeping":"@hourly"}', { housekeeping: '@hourly' }],
  ])('%j → %j', (raw, overrides) => {
    expect(parse(raw)).toEqual(overrides)
  })

  it.each([
    ['{"*":', /Invalid WARDROOM_JOB_SCHEDULES:\n {2}not valid JSON/],
    ['"*/15 * * * * *"', /expected a JSON object of job name → cron expression/],
    ['["* * * * *"]', /expected a JSON object/],
    ['{"housekeepng":"0 * * * *"}', /housekeepng: unknown job; known jobs: housekeeping, sli-rollup, audit-verify \(or "\*" for every job\)/],
    ['{"housekeeping":"every hour"}', /housekeeping: "every hour" has 2 fields; use 5, or 6 with seconds first/],
    ['{"housekeeping":"61 * * * *"}', /housekeeping: "61 \* \* \* \*" is not a cron expression/],
    ['{"*":"0 0 0 1 1 * 2020"}', /\*: .* has 7 fields/],
    ['{"housekeeping":""}', /housekeeping: the schedule is empty/],
    ['{"housekeeping":15}', /housekeeping: the schedule must be a string/],
  ])('refuses %s', (raw, message) => {
    expect(() => parse(raw)).toThrow(message)
  })

  it('names every problem at once', () => {
    const err = (() => {
      try {
        parse('{"nope":"* * * * *","housekeeping":"bad"}')
      } catch (e) {
        return e as Error
      }
    })()
    expect(err?.message.split('\n')).toEqual([
      'Invalid WARDROOM_JOB_SCHEDULES:',
      expect.stringMatching(/^ {2}nope: unknown job/),
      expect.stringMatching(/^ {2}housekeeping: "bad" has 1 field;/),
    ])
  })
})

describe('cronProblem', () => {
  it.each(['* * * * *', '*/15 * * * * *', '15 3 * * *', '@daily'])('accepts %s', (expr) => {
    expect(cronProblem(expr)).toBeNull()
  })

  it('refuses a pattern that never fires', () => {
    expect(cronProblem('0 0 31 2 *')).toMatch(/never fires|not a cron expression/)
  })
})

describe('effectiveSchedule', () => {
  const job = { name: 'housekeeping', schedule: '0 * * * *' }
  it.each([
    [{}, '0 * * * *'],
    [{ '*': '*/15 * * * * *' }, '*/15 * * * * *'],
    [{ housekeeping: '0 */6 * * *' }, '0 */6 * * *'],
    [{ '*': '*/15 * * * * *', housekeeping: '0 */6 * * *' }, '0 */6 * * *'],
    [{ 'sli-rollup': '*/5 * * * * *' }, '0 * * * *'],
  ])('%j → %s', (overrides, schedule) => {
    expect(effectiveSchedule(job, overrides)).toBe(schedule)
  })
})
