import { describe, expect, it } from 'vitest'
import { containsPhi, isPhiKey, redact, redactJson, redactText } from './redact'

describe('redactText', () => {
  it.each([
    ['MRN: 00482913 missing from triage result', '[MRN] missing from triage result'],
    ['mrn#A-123456 timed out', '[MRN] timed out'],
    ['Medical record number 7781234 rejected', '[MRN] rejected'],
    ['SSN 123-45-6789 seen in payload', 'SSN [SSN] seen in payload'],
    ['ssn: 123456789', '[SSN]'],
    ['contact jane.doe@stmary.org now', 'contact [EMAIL] now'],
    ['call (555) 123-4567 or +1 555.987.6543', 'call [PHONE] or [PHONE]'],
    // A pronoun between the cue and its number (an e-mail's "call me on …").
    ['Call me on 07700 900123 if you need more; text her at 0161 496 0000', 'Call me on [PHONE] if you need more; text her at [PHONE]'],
    ['DOB 1985-03-12 mismatch', '[DOB] mismatch'],
    ['date of birth: 03/12/1985', '[DOB]'],
    ['born on March 12, 1985', '[DOB]'],
    ['admitted 12/03/2025 to ward 4', 'admitted [DATE] to ward 4'],
    ['patient John Smith scored 0.93', 'patient [NAME] scored 0.93'],
    ['Patient: Maria de Souza triaged', 'Patient: [NAME] triaged'],
    // Was "account [NUMBER] flagged": account numbers now have their own cued rule, which takes the cue along.
    ['account 1234567890123 flagged', '[ACCOUNT] flagged'],
    ['Restarted; call 555-123-4567 for details', 'Restarted; call [PHONE] for details'],
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

  // Each row is a miss measured on the old redactor (section 7 of the security issue).
  it.each([
    ['Spoke with Dr Okafor about the score', 'Spoke with Dr [NAME] about the score'],
    ['wife Lucía Pérez called back', 'wife [NAME] called back'],
    ['Pt Mr. Kowalski refused the scan', 'Pt Mr. [NAME] refused the scan'],
    ['Maria Garcia reports the app froze', '[NAME] reports the app froze'],
    ['patient "Chinedu Okonkwo" listed twice', 'patient "[NAME]" listed twice'],
    ['SMITH, JOHN merged with SMITH, JANE', '[NAME] merged with [NAME]'],
    ['escalated for john smith at noon', 'escalated for [NAME] at noon'],
    ['Kowalska, Anna readmitted', '[NAME] readmitted'],
    ['Małgorzata Wiśniewska seen', '[NAME] seen'],
    ['seen on March 12 for review', 'seen on [DATE] for review'],
    ['follow-up 3/12 in clinic', 'follow-up [DATE] in clinic'],
    ['a 93-year-old with sepsis', 'a [AGE] with sepsis'],
    ['reach the son at 555-0142', 'reach the son at [PHONE]'],
    ['Tel. +44 20 7946 0958 (UK)', 'Tel. [PHONE] (UK)'],
    ['SSN 123 45 6789 typed into notes', 'SSN [SSN] typed into notes'],
    ['chart #A-1234567 merged', '[MRN] merged'],
    ['ambulance to 1423 Oak Street, Springfield, IL 62704', 'ambulance to [ADDRESS]'],
    ['member ID W123456789 inactive', '[MEMBER_ID] inactive'],
    ["driver's license D1234567 scanned", '[LICENSE] scanned'],
    ['VIN 1HGCM82633A004352 in the lot', 'VIN [VEHICLE] in the lot'],
    ['pump serial no. PMX-2209-44817 offline', 'pump [DEVICE] offline'],
    ['link https://portal.stmary.org/patients/48213/chart failed', 'link [URL] failed'],
    ['login from 73.158.64.12 blocked', 'login from [IP] blocked'],
    ['voiceprint VP448812 rejected', '[BIOMETRIC] rejected'],
    ['face photo IMG_20240312_0931.jpg attached', 'face photo [PHOTO] attached'],
    ['study ID SEPSIS-TRIAL-0412 unblinded', '[ID] unblinded'],
  ])('redacts %j → %j', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  // False positives measured on the old redactor, and look-alikes that must survive.
  it.each([
    'model v4.12.20 promoted',
    'request id 4155552671 timed out',
    'req 2034871120 retried',
    'Patient Controlled Analgesia pump alarm',
    'Patient Safety Indicator job done',
    'metoprolol 25 mg PO BID; amoxicillin 500-1000 mg',
    'BP 128/82, HR 112, SpO2 91%, temp 101.2F',
    'lactate 4.1 mmol/L, INR 2.3, HbA1c 7.9%',
    'ICD-10 E11.9, LOINC 2160-0, CPT 99213, NDC 0002-3227-30, SNOMED 271737000',
    'Philips IntelliVue MX450 and BD Alaris 8015 offline',
    'Claude 3.5 Sonnet vs GPT-4o vs Llama 3.1 70B',
    'epoch 1730718629000 at 2025-11-04T11:10:29Z, Nov  4 11:10:29',
    'pod ai-engine-7f9c on 10.0.3.17:8080 and fd00::12',
    'Will retry; Mark as resolved; May 2025 release',
    'a 67-year-old with sepsis',
  ])('keeps look-alikes: %j', (input) => {
    expect(redact(input)).toBe(input)
  })

  // Street addresses need the shape "house number, capitalised street name, capitalised street type":
  // ops phrases with a count and a street-type word ("in a row", "crash loop", "court service") stay.
  it.each([
    'Job sli-rollup failed 3 times in a row: timeout',
    'Probe https-check failed 3 times in a row',
    'failed 3 times in a Row',
    'Restarted 5 Times In A Row',
    '5 items in the queue',
    '2 pods in a crash loop',
    '3 errors at the court service',
    'retry 2 of 5 on Main Street',
    'walk 2 steps down the drive',
    '7 alerts in place of the old rule',
    'sent 3 alerts via Slack 12 times',
    'queue depth 12 at place 3 in row 4',
  ])('keeps ops phrases that only look like addresses: %j', (input) => {
    expect(redact(input)).toBe(input)
  })

  it.each([
    ['visit at 12 Elm Row moved', 'visit at [ADDRESS] moved'],
    ['courier to 221B Baker Street', 'courier to [ADDRESS]'],
    ['retry 2 of 5 at 5 Main Street', 'retry 2 of 5 at [ADDRESS]'],
    ['ambulance to 350 5th Avenue, New York, NY 10118', 'ambulance to [ADDRESS]'],
    ['SHIP TO 4410 OAK STREET', 'SHIP TO [ADDRESS]'],
    ['moved to 12 avenue Victor Hugo', 'moved to [ADDRESS]'],
    ['Via Roma 15 and calle Mayor 78', '[ADDRESS] and [ADDRESS]'],
  ])('redacts street addresses of a plausible shape: %j → %j', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  // Fast paths (cue finder without lookbehind, hand-written word scanner, whole-word month finder, age and
  // photo pre-checks): same findings as the regex versions, including at word edges.
  it.each([
    ['refund to a/c 12345678 today', 'refund to [ACCOUNT] today'],
    ['pump S/N: PMX-2209-44817 offline', 'pump [DEVICE] offline'],
    ['renamed MRN 1234567 and xmrn 7654321', 'renamed [MRN] and xmrn 7654321'],
    ['seen on 5 mai 2024; summary 12 marsh', 'seen on [DATE]; summary 12 marsh'],
    ['Zoë Müller (DOB 3 août 1931)', '[NAME] ([DOB])'],
    ['anna-maria kowalska called; the O’Brien family', '[NAME] called; the [NAME] family'],
    ['a 93-year-old; 1093 years; age: 104', 'a [AGE]; 1093 years; [AGE]'],
    ['photo IMG_1.JPG; chart.png', 'photo [PHOTO]; chart.png'],
    ['from 8.8.8.8, 203.0.113.5, 100.64.1.1, fd00::12, 2601:646:8d00:1f0::3a2', 'from [IP], 203.0.113.5, 100.64.1.1, fd00::12, [IP]'],
  ])('fast paths find the same: %j → %j', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it('reports spans in the input coordinates', () => {
    const r = redactText('call 555-0142 or jane@x.org')
    expect(r.spans).toEqual([
      { start: 5, end: 13, kind: 'phone' },
      { start: 17, end: 27, kind: 'email' },
    ])
  })

  it('counts what it removed', () => {
    expect(redactText('MRN 1234567, SSN 123-45-6789, a@b.co').counts).toEqual({ mrn: 1, ssn: 1, email: 1 })
  })
})

describe('isPhiKey', () => {
  it.each([
    ['pt_name', true],
    ['patient_dob', true],
    ['phone_number', true],
    ['patientName', true],
    ['PatientDOB', true],
    ['first-name', true],
    ['lastName', true],
    ['home.address', true],
    ['member_id', true],
    ['deviceSerial', true],
    ['date_of_birth', true],
    ['admit_date', true],
    ['email', true],
    ['name', true],
    ['patient', true],
    ['alertname', false],
    ['service_name', false],
    ['job_name', false],
    ['request_id', false],
    ['patient_count', false],
    ['severity', false],
    ['p99', false],
    ['date', false],
  ])('%s → %s', (key, expected) => {
    expect(isPhiKey(key)).toBe(expected)
  })
})

describe('redactJson', () => {
  it('matches key names by pattern and redacts numbers under them', () => {
    expect(
      redactJson({ pt_name: 'John Doe', patient_dob: '1990-01-01', phone_number: 5551234567, patientAge: 94, mrnValue: 7781234, service_name: 'triage', count: 3 }),
    ).toEqual({ pt_name: '[REDACTED]', patient_dob: '[REDACTED]', phone_number: '[REDACTED]', patientAge: '[REDACTED]', mrnValue: '[REDACTED]', service_name: 'triage', count: 3 })
  })

  it('redacts keys that are themselves identifiers', () => {
    expect(redactJson({ 'jane.doe@stmary.org': { status: 'bounced' }, '00482913': 'late', 'MRN 7781234': 1, ok: true })).toEqual({
      '[REDACTED_KEY]': { status: 'bounced' },
      '[REDACTED_KEY_2]': 'late',
      '[REDACTED_KEY_3]': '[REDACTED]', // "MRN …" is also a PHI-named key
      ok: true,
    })
  })

  it('redacts nested strings and drops PHI-named keys', () => {
    expect(
      redactJson({ summary: 'pt John Doe', patient_name: 'John Doe', n: 3, tags: ['ssn 123-45-6789'], nested: { dob: '1990-01-01' } }),
    ).toEqual({ summary: 'pt [NAME]', patient_name: '[REDACTED]', n: 3, tags: ['ssn [SSN]'], nested: { dob: '[REDACTED]' } })
  })
})
