import { describe, expect, it } from 'vitest'
import { describeControl, describeMetric } from './experiment-metric'

describe('experiment wording', () => {
  it('names the control variant without repeating the word', () => {
    expect(describeControl('control')).toBe('the control variant')
    expect(describeControl('Control')).toBe('the control variant')
    expect(describeControl('standard')).toBe('control variant: standard')
  })

  it('describes the primary metric', () => {
    expect(describeMetric({ type: 'event', event: 'triage_accepted' })).toBe('Conversion to triage_accepted')
    expect(describeMetric({ type: 'sli', slo: 'triage-latency' })).toBe('SLI of SLO triage-latency')
    expect(describeMetric({ type: 'unknown' })).toBe('Not set')
  })
})
