import { describe, expect, it } from 'vitest'
import { composeReport } from './report-data'
import { csvField, csvLine, percentFigure, REPORT_CSV_COLUMNS, reportToCsv } from './report-csv'
import type { PeriodFigure } from './types'

describe('csvField: RFC 4180 quoting', () => {
  it.each<[Parameters<typeof csvField>[0], string]>([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [0, '0'],
    [-1.5, '-1.5'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
    [true, 'true'],
    [false, 'false'],
    ['Ünïcødé – St. Aldhelm’s', 'Ünïcødé – St. Aldhelm’s'],
  ])('%j → %j', (value, expected) => expect(csvField(value)).toBe(expected))

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
    // Full-width = + − @, which some spreadsheets also read as formula starts
    ['\uFF1DSUM(A1)', "'\uFF1DSUM(A1)"],
    ['\uFF20x', "'\uFF20x"],
  ])('defuses a would-be formula %j', (value, expected) => expect(csvField(value)).toBe(expected))

  it('joins a line with commas', () => {
    expect(csvLine(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"')
  })

  it('writes percentages without binary noise', () => {
    expect(percentFigure(0.999)).toBe(99.9)
    expect(percentFigure(0.1 + 0.2)).toBe(30)
    expect(percentFigure(0.998712345)).toBe(99.8712)
    expect(percentFigure(null)).toBeNull()
  })
})

const figure = (over: Partial<PeriodFigure>): PeriodFigure => ({
  key: 'system_availability',
  name: 'System availability',
  service: 'ai-engine',
  workflow: null,
  target: 0.999,
  budgeting: 'occurrences',
  good: 99_950,
  total: 100_000,
  compliance: 0.9995,
  budgetUsed: 0.5,
  violations: 0,
  incidents: 0,
  mttrMinutes: null,
  ...over,
})

describe('reportToCsv', () => {
  const meta = { period: 'weekly', periodStart: new Date('2026-03-02T00:00:00Z'), periodEnd: new Date('2026-03-09T00:00:00Z'), timezone: 'Europe/London' }
  const previousRange = { start: new Date('2026-02-23T00:00:00Z'), end: new Date('2026-03-02T00:00:00Z') }

  it('has a BOM, the header row, one row per SLO and CRLF line ends', () => {
    const data = composeReport(
      [figure({}), figure({ key: 'diagnosis_accuracy', name: 'Diagnosis accuracy, "triage"', target: 0.95, good: 900, total: 1000, compliance: 0.9, budgetUsed: 2, violations: 2, incidents: 1, mttrMinutes: 42.4 })],
      [figure({ good: 99_800, compliance: 0.998, budgetUsed: 2 })],
      previousRange,
    )
    const csv = reportToCsv(meta, data)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0]).toBe(REPORT_CSV_COLUMNS.join(','))
    expect(lines).toHaveLength(4) // header, two rows, and the empty string after the last CRLF
    expect(lines[3]).toBe('')
    // Missed targets come first.
    expect(lines[1]).toBe(
      'weekly,2026-03-02T00:00:00.000Z,2026-03-09T00:00:00.000Z,Europe/London,diagnosis_accuracy,"Diagnosis accuracy, ""triage""",ai-engine,,95,90,900,1000,false,200,2,1,42,,,,no_previous_data',
    )
    const availability = lines[2]!.split(',')
    const col = (name: (typeof REPORT_CSV_COLUMNS)[number]) => availability[REPORT_CSV_COLUMNS.indexOf(name)]
    expect(col('compliance_percent')).toBe('99.95')
    expect(col('previous_compliance_percent')).toBe('99.8')
    expect(col('change_percentage_points')).toBe('0.15')
    expect(col('met_target')).toBe('true')
    expect(col('change_verdict')).toBe('better')
    expect(Number(col('p_value'))).toBeLessThan(0.05)
  })

  it('writes only the header for a report without SLOs', () => {
    const csv = reportToCsv(meta, composeReport([], [], previousRange))
    expect(csv).toBe(`\uFEFF${REPORT_CSV_COLUMNS.join(',')}\r\n`)
  })
})
