import { describe, expect, it } from 'vitest'
import { containsPhi, redact, redactJson, redactText } from './redact'

describe('redactText', () => {
  it.each([
    ['MRN: 00482913 missing from triage result', '[MRN] missing from triage result'],
    ['mrn#A-123456 timed out', '[MRN] timed out'],
    ['Medical record number 7781234 rejected', '[MRN] rejected'],
    ['SSN 123-45-6789 seen in payload', 'SSN [SSN] seen in payload'],
    ['ssn: 123456789', '[SSN]'],
    ['contact jane.doe@stmary.org now', 'contact [EMAIL] now'],
    ['call (555) 123-4567 or +1 555.987.6543', 'call [PHONE] or [PHONE]'],
    ['DOB 1985-03-12 mismatch', '[DOB] mismatch'],
    ['date of birth: 03/12/1985', '[DOB]'],
    ['born on March 12, 1985', '[DOB]'],
    ['admitted 12/03/2025 to ward 4', 'admitted [DATE] to ward 4'],
    ['patient John Smith scored 0.93', 'patient [NAME] scored 0.93'],
    ['Patient: Maria de Souza triaged', 'Patient: [NAME] triaged'],
    ['account 1234567890123 flagged', 'account [NUMBER] flagged'],
  ])('%j → %j', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it.each([
    'Response time SLA violated',
    'p99 latency 2034ms on ai-engine (threshold 2000ms)',
    'Error rate 5.2% at 2025-11-04T11:10:29Z on 10.0.3.17:8080',
    'model v2.3.1 accuracy 94.1% below 95%',
    'queue depth 1200 on pod ai-engine-7f9c',
  ])('keeps operational text intact: %j', (input) => {
    expect(redact(input)).toBe(input)
    expect(containsPhi(input)).toBe(false)
  })

  it('counts what it removed', () => {
    expect(redactText('MRN 1234567, SSN 123-45-6789, a@b.co').counts).toEqual({ mrn: 1, ssn: 1, email: 1 })
  })
})

describe('redactJson', () => {
  it('redacts nested strings and drops PHI-named keys', () => {
    expect(
      redactJson({ summary: 'pt John Doe', patient_name: 'John Doe', n: 3, tags: ['ssn 123-45-6789'], nested: { dob: '1990-01-01' } }),
    ).toEqual({ summary: 'pt [NAME]', patient_name: '[REDACTED]', n: 3, tags: ['ssn [SSN]'], nested: { dob: '[REDACTED]' } })
  })
})
