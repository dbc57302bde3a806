import { describe, expect, it } from 'vitest'
import { csvDocument } from '../csv'
import { FIXTURE_DROPOFFS, FIXTURE_REPORT } from '@/test/funnel-fixtures'
import { dropOffsCsv, funnelCsvFilename, stepsCsv, timeCsv } from './report-csv'

describe('stepsCsv', () => {
  const table = stepsCsv(FIXTURE_REPORT)

  it('writes the whole population first, then each shown group, one row per step', () => {
    expect(table.rows.map((r) => `${r[0]}:${r[1]}`)).toEqual(['all:1', 'all:2', 'all:3', 'Emergency:1', 'Emergency:2', 'Emergency:3', 'Paediatrics:1', 'Paediatrics:2', 'Paediatrics:3'])
  })

  it('gives figures as numbers: 45 of 60 is 0.75 from the start, 30 of 45 is 0.6667 from the previous step', () => {
    expect(table.rows[1]).toEqual(['all', 2, 'ai_suggestion_viewed', 'AI differential shown', 45, 0.75, 0.75, 15, 120_000, ''])
    expect(table.rows[2]).toEqual(['all', 3, 'diagnosis_completed', 'diagnosis_completed', 30, 0.5, 0.6667, 15, 300_000, ''])
  })

  it('leaves a suppressed cell empty and names it in the suppressed column', () => {
    // Paediatrics: 18 → 12 → fewer than 11.
    expect(table.rows[8]).toEqual(['Paediatrics', 3, 'diagnosis_completed', 'diagnosis_completed', null, null, null, null, null, 'users; conversion_from_start; conversion_from_previous; drop_off; median_from_previous_ms'])
    // 18 → 12: six people lost, too few to show.
    expect(table.rows[7]?.slice(4)).toEqual([12, 0.6667, 0.6667, null, 120_000, 'drop_off'])
  })

  it('never writes a count under 11 into the file', () => {
    const lines = csvDocument(table.columns, table.rows).split('\r\n').slice(1).filter(Boolean)
    const users = lines.map((line) => line.split(',')[4])
    expect(users).toEqual(['60', '45', '30', '36', '30', '22', '18', '12', ''])
    expect(users.filter((c) => Number(c) > 0 && Number(c) < 11)).toEqual([])
  })

  it('does not call step 1’s missing median suppressed', () => {
    expect(table.rows[0]?.[8]).toBeNull()
    expect(table.rows[0]?.[9]).toBe('')
  })
})

describe('timeCsv', () => {
  it('writes each bucket with its bounds in ms, a suppressed bucket empty and named', () => {
    expect(timeCsv(FIXTURE_REPORT)).toEqual({
      columns: ['from_ms', 'to_ms', 'users', 'suppressed'],
      rows: [
        [0, 60_000, null, 'users'],
        [60_000, 300_000, 14, ''],
        [300_000, 900_000, 12, ''],
        [900_000, 3_600_000, 0, ''],
      ],
    })
  })
})

describe('dropOffsCsv', () => {
  it('writes one row per session of each person, the events in order', () => {
    const { rows } = dropOffsCsv(FIXTURE_DROPOFFS)
    expect(rows).toEqual([
      [2, 15, 'u_AbC…', 1, '2030-03-05T09:00:00.000Z', '2030-03-05T08:58:00.000Z', '2030-03-05T09:20:00.000Z', 3, '$page > diagnosis_started > triage_started', ''],
      [2, 15, 'u_AbC…', 1, '2030-03-05T09:00:00.000Z', '2030-03-05T13:00:00.000Z', '2030-03-05T13:05:00.000Z', 1, '$page', ''],
      [2, 15, 'u_XyZ…', 1, '2030-03-06T22:10:00.000Z', null, null, null, null, ''],
    ])
  })

  it('names nobody when fewer than 11 were lost', () => {
    expect(dropOffsCsv({ step: 3, lost: null, people: [] }).rows).toEqual([[3, null, null, null, null, null, null, null, null, 'lost; person']])
  })
})

describe('funnelCsvFilename', () => {
  it('says which funnel, which table and which days', () => {
    expect(funnelCsvFilename(FIXTURE_REPORT, 'steps')).toBe('funnel-diagnosis_workflow-steps-2030-03-04-to-2030-03-11.csv')
    expect(funnelCsvFilename({ query: { ...FIXTURE_REPORT.query, workflow: undefined } }, 'dropoffs', 2)).toBe('funnel-custom-dropoffs-step-2-2030-03-04-to-2030-03-11.csv')
  })
})
