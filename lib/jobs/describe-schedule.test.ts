import { describe, expect, it } from 'vitest'
import { describeSchedule, joinWords } from './describe-schedule'

describe('describeSchedule', () => {
  it.each([
    ['0 * * * *', 'every hour at :00'],
    ['15 * * * *', 'every hour at :15'],
    ['0,30 * * * *', 'every hour at :00 and :30'],
    ['* * * * *', 'every minute'],
    ['*/1 * * * *', 'every minute'],
    ['*/5 * * * *', 'every 5 minutes'],
    ['15 3 * * *', 'daily at 03:15'],
    ['0 0 * * *', 'daily at 00:00'],
    ['0 6,18 * * *', 'daily at 06:00 and 18:00'],
    ['0 8-10 * * *', 'daily at 08:00, 09:00 and 10:00'],
    ['5 */6 * * *', 'every 6 hours at :05'],
    ['5 */1 * * *', 'every hour at :05'],
    ['30 7 * * 1-5', 'weekdays at 07:30'],
    ['30 7 * * MON-FRI', 'weekdays at 07:30'],
    ['0 9 * * 0,6', 'weekends at 09:00'],
    ['0 9 * * 1', 'every Monday at 09:00'],
    ['0 9 * * 7', 'every Sunday at 09:00'],
    ['0 9 * * mon,wed,fri', 'every Monday, Wednesday and Friday at 09:00'],
    ['0 9 * * 0-6', 'daily at 09:00'],
    ['0 2 1 * *', 'monthly on day 1 at 02:00'],
    ['0 2 1,15 * *', 'monthly on day 1 and 15 at 02:00'],
    ['0 2 L * *', 'monthly on the last day at 02:00'],
    ['0 6 1 1,4,7,10 *', 'quarterly (January, April, July, October) on day 1 at 06:00'],
    ['0 15 3 * * *', 'daily at 03:15'],
    ['*/15 * * * * *', 'every 15 seconds'],
    ['* * * * * *', 'every second'],
    ['0 * * * * *', 'every minute'],
    ['  15   3 * * *  ', 'daily at 03:15'],
    ['0 3 ? * *', 'daily at 03:00'],
    ['@hourly', 'every hour at :00'],
    ['@daily', 'daily at 00:00'],
    ['@weekly', 'every Sunday at 00:00'],
    ['@monthly', 'monthly on day 1 at 00:00'],
    ['@yearly', 'yearly on 1 January at 00:00'],
  ])('%s → %s', (cron, words) => {
    expect(describeSchedule(cron)).toBe(words)
  })

  it.each([
    '30 15 3 * * *', // seconds other than 0
    '*/15 0 * * * *', // second steps within one minute
    '0 3 * 1 *', // a specific month
    '0 3 1 * 1', // day of month and day of week together
    '*/5 3 * * *', // minute steps within an hour
    '0 * * * 1', // hourly on some days
    '0 */2 * * 1', // hour steps on some days
    '0 25 * * *', // out of range
    '60 * * * *',
    '0 3 * * 8',
    '0 5-3 * * *', // reversed range
    '0 3 * *', // too few fields
    '0 0 0 3 * * * *',
    'not a cron',
    '',
  ])('%s → custom schedule', (cron) => {
    expect(describeSchedule(cron)).toBe('custom schedule')
  })
})

describe('joinWords', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('%j → %s', (items, text) => {
    expect(joinWords(items)).toBe(text)
  })
})
