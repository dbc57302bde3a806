import { describe, expect, it } from 'vitest'
import { ingestSummary, toCopyText } from './ingest'

describe('toCopyText', () => {
  it("writes one line per event in COPY's text format: '' for no workflow, \\N for a missing number", () => {
    expect(
      toCopyText([
        { sli: 'patient_response_time', service: 'triage-ai', workflow: 'emergency_triage', at: '2026-12-07T01:00:00.000Z', value: 1834.5 },
        { sli: 'availability', service: 'triage-ai', at: '2026-12-07T01:00:01.000Z', good: 998, total: 1000 },
      ]),
    ).toBe(
      'patient_response_time\ttriage-ai\temergency_triage\t2026-12-07T01:00:00.000Z\t1834.5\t\\N\t\\N\n' +
        'availability\ttriage-ai\t\t2026-12-07T01:00:01.000Z\t\\N\t998\t1000\n',
    )
  })

  it('escapes the characters that delimit fields and rows, and writes numbers PostgreSQL reads back exactly', () => {
    expect(toCopyText([{ sli: 'a\\b', service: 'c\td', workflow: 'e\nf\rg', at: '2026-12-07T01:00:00Z', value: 1e21 }])).toBe(
      'a\\\\b\tc\\td\te\\nf\\rg\t2026-12-07T01:00:00Z\t1e+21\t\\N\t\\N\n',
    )
    expect(toCopyText([{ sli: 's', service: 'v', at: 't', value: 0.1 + 0.2 }])).toBe('s\tv\t\tt\t0.30000000000000004\t\\N\t\\N\n')
    expect(toCopyText([])).toBe('')
  })
})

describe('ingestSummary', () => {
  it('names the SLIs and services of a batch once each, never values', () => {
    const at = '2026-12-07T01:00:00Z'
    expect(ingestSummary([{ sli: 'a', service: 'x', at, value: 1 }, { sli: 'a', service: 'y', at, value: 2 }])).toEqual({ slis: ['a'], services: ['x', 'y'] })
  })
})
