/**
 * Templates and value lists for the PHI corpus (generate.ts). <type> placeholders are identifiers and
 * get labelled; the others are hard negatives (look-alikes that must survive redaction). Written by hand.
 * The held-out templates were written separately and not used while tuning the recognisers.
 */
export interface Template {
  kind: 'alert' | 'note' | 'feedback'
  text: string
}

const t = (kind: Template['kind'], ...texts: string[]): Template[] => texts.map((text) => ({ kind, text }))

/** Names used in tuning items (all in the gazetteer, written with their diacritics). */
export const FIRST = [
  'John', 'Mary', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Susan', 'James', 'Karen', 'Maria', 'José', 'Lucía', 'Javier',
  'Guadalupe', 'João', 'Gonçalo', 'Jürgen', 'Ursula', 'Matthias', 'François', 'Amélie', 'Hélène', 'Giuseppe', 'Chiara', 'Małgorzata',
  'Krzysztof', 'Agnieszka', 'Wojciech', 'Mohammed', 'Fatima', 'Youssef', 'Khadija', 'Wei', 'Xiaoming', 'Fang', 'Jing', 'Minh', 'Huong',
  'Aarav', 'Priya', 'Rajesh', 'Lakshmi', 'Chinedu', 'Oluwaseun', 'Ngozi', 'Adaeze', 'Babatunde', 'Kwame', 'Olga', 'Dmitri', 'Mehmet',
  'Zeynep', 'Eleni', 'Sakura', 'Hiroshi', 'Seoyeon', 'Patricia', 'Elizabeth', 'Thomas',
]
export const SURNAME = [
  'Smith', 'Johnson', 'Garcia', 'Martinez', 'Robinson', 'Nguyen', 'Hernández', 'López', 'González', 'Pérez', 'Oliveira', 'Gonçalves', 'Müller',
  'Schröder', 'Köhler', 'Dubois', 'Lefèvre', 'Rossi', 'Esposito', 'Kowalski', 'Wiśniewska', 'Wójcik', 'Dąbrowski', 'Nowak', 'Haddad',
  'Al-Rashid', 'Khalil', 'Zhang', 'Wang', 'Chen', 'Liu', 'Tran', 'Pham', 'Patel', 'Sharma', 'Iyer', 'Chatterjee', 'Okafor', 'Adeyemi',
  'Okonkwo', 'Balogun', 'Mensah', 'Ivanova', 'Petrov', 'Yılmaz', 'Papadopoulos', 'Tanaka', 'Watanabe', 'Park', "O'Brien", 'Fitzgerald',
  'Kaminska', 'Hoffmann', 'Fischer', 'Lambert', 'Moreau', 'Souza', 'Ribeiro',
]
/** Names the gazetteer does not know: the held-out split draws half of its names from these. */
export const UNSEEN_FIRST = [
  'Xochitl', 'Thandiwe', 'Eero', 'Siobhan', 'Oisín', 'Bartholomew', 'Ifunanya', 'Tupac', 'Saoirse', 'Leilani', 'Radomir', 'Ingeborg',
  'Dagny', 'Teodora', 'Zygmunt', 'Kalani', 'Nkosana', 'Yevgenia', 'Anwen', 'Benedikt',
]
export const UNSEEN_SURNAME = [
  'Quispe', 'Virtanen', 'Tshabalala', 'Haaland', 'Gunawardena', 'Rautenbach', 'Nakashima', 'Mwangi', 'Szczepański', 'Bjørnstad',
  'Ó Súilleabháin', 'Castellanos', 'Van der Merwe', 'Oyelaran', 'Kristiansen', 'Dzhugashvili', 'Achterberg', 'Pellegrino', 'Vasquez-Tello',
  'Abernathy',
]

/** Look-alikes: drug names and doses, lab values, vitals, versions, timestamps, request ids, codes, products. */
export const NEGATIVE_VALUES: Record<string, string[]> = {
  drug: [
    'metoprolol 25 mg PO BID', 'Lisinopril 10mg daily', 'heparin 5000 units SC q8h', 'vancomycin 1.25 g IV q12h', 'insulin glargine 22 units qHS',
    'acetaminophen 650 mg q6h PRN', 'Zosyn 4.5 g IV q6h', 'apixaban 5 mg BID', 'furosemide 40 mg IV', 'ceftriaxone 2 g IV daily',
    'norepinephrine 0.08 mcg/kg/min', 'amoxicillin 500-1000 mg', 'morphine 2-4 mg IV q2h PRN', 'Warfarin 5 mg', 'Tylenol 1 g',
  ],
  lab: [
    'lactate 4.1 mmol/L', 'K 3.2 mmol/L', 'WBC 14.2 K/uL', 'Hgb 9.8 g/dL', 'troponin 0.04 ng/mL', 'creatinine 1.8 mg/dL', 'INR 2.3',
    'glucose 212 mg/dL', 'HbA1c 7.9%', 'procalcitonin 2.6 ng/mL', 'Na 131', 'platelets 98,000', 'BNP 1450 pg/mL', 'eGFR 42',
  ],
  vital: ['BP 128/82', 'HR 112', 'RR 24', 'SpO2 91%', 'Temp 38.4 C', 'temp 101.2F', 'GCS 14', 'MAP 63', 'BP 90/60 HR 124', 'pain 7/10', 'weight 82.5 kg'],
  version: ['v4.12.20', 'sepsis-v3.2.1', 'model 2.3.1', 'build 2025.11.04-rc2', 'release 4.12.20', 'v1.0.12', 'schema 17', 'ehr-bridge 3.4.0'],
  ts: [
    '2025-11-04T11:10:29Z', '2025-11-04 11:10:29', 'Nov  4 11:10:29', '14:32:07.123', '2026-01-12T03:00:00.000Z', '11/04/2025 14:32',
    '1730718629', 'epoch 1730718629000', '03:12 UTC',
  ],
  reqid: [
    'request id 4155552671', 'req 2034871120', 'request_id=8f14e45f-ceea-467a-9af0-fd2f3e1b5c7d', 'trace 4bf92f3577b34da6a3ce929d0e0e4736',
    'x-request-id: 2034871120', 'job 918273645', 'correlation id 5550142', 'order 6505550199', 'build 20251104', 'span 00f067aa0ba902b7',
  ],
  code: [
    'ICD-10 I10', 'ICD-10 E11.9', 'J18.9', 'A41.9', 'R65.21', 'LOINC 2160-0', 'LOINC 718-7', 'LOINC 4548-4', 'CPT 99213', 'CPT 93000',
    'CPT 36415', 'NDC 0002-3227-30', 'NDC 50090-3470-0', 'SNOMED 271737000', 'RxNorm 197361', 'DRG 871',
  ],
  product: [
    'Philips IntelliVue MX450', 'GE CARESCAPE B650', 'BD Alaris 8015', 'Medtronic MiniMed 780G', 'Epic Hyperspace', 'Cerner Millennium',
    'Llama 3.1 70B', 'GPT-4o', 'Claude 3.5 Sonnet', 'Abbott i-STAT', 'Baxter Sigma Spectrum', 'Johnson & Johnson', 'Dräger Evita V500',
    'Masimo Radical-7', 'Mindray BeneVision N17', 'Hill-Rom Centrella', 'Siemens Atellica', 'Patient Controlled Analgesia pump',
  ],
  host: ['ai-engine-7f9c', '10.0.3.17:8080', 'ehr-bridge-db-1', '192.168.4.20', 'triage-api-5d8b9', 'fd00::12', '127.0.0.1:5432', 'kafka-2.internal'],
  metric: ['p99 latency 2034ms', 'error rate 5.2%', 'queue depth 1200', 'AUROC 0.81', 'accuracy 94.1%', 'drift PSI 0.27', 'throughput 3400 rps', '37 of 412 scores'],
  place: ['Room 412', 'Bed 12B', 'ward 4', 'ICU bay 3', 'ED pod C', 'Floor 7 West', 'OR 11'],
  phrase: [
    'Patient Controlled Analgesia', 'Patient Safety Indicator', 'Mark as resolved', 'Will retry in 30s', 'May 2025 release', 'Grace period 30s',
    'Emergency Triage', 'Early Warning Score', 'Rapid Response Team', 'Sepsis Watch', 'Hope this helps', 'the May release',
  ],
}

export const TUNING_TEMPLATES: Template[] = [
  // Names
  ...t('alert', 'Triage score missing for patient <name> (<host>), <metric>', 'Sepsis alert fired for Pt Mr. <name> at <ts>; <lab>', 'Name: <name> | MRN: <mrn> | <drug>'),
  ...t('note', 'Spoke with wife <name> about the delayed score; <vital>', 'Dr <name> says the <product> feed dropped at <ts>', '<name> called the help desk: wrong dose suggested (<drug>)'),
  ...t('note', 'Escalated to attending <name>; <reqid> failed', 'patient "<name>" appears twice in the worklist', 'Reviewed chart of <name> with nurse <name>'),
  ...t('feedback', 'Model flagged <name> as low risk but <lab> and <vital>', 'Mrs. <name> was discharged before the <phrase> alert cleared', 'Per son <name>, the reminder went out in the wrong language'),
  // Addresses
  ...t('note', 'Ambulance sent to <address> after the remote monitor alarmed', 'Home visit scheduled at <address>; bring <product>'),
  ...t('alert', 'Geocoding failed for address "<address>" (<reqid>)', 'Patient lives at <address>, eligibility check timed out at <ts>'),
  // Dates
  ...t('note', 'Admitted <date>, discharged <date>; readmission model missed it', 'DOB <date> does not match the EHR record'),
  ...t('feedback', 'Seen on <date> with <lab>; score stayed green', 'Surgery scheduled <date>; <drug> held'),
  ...t('alert', 'Eligibility rejected: date of birth <date> out of range (<reqid>)'),
  // Ages
  ...t('note', '<age> female with <lab>, sepsis score 0.12', 'Frail <age> patient on <drug>; fall risk not shown'),
  ...t('feedback', 'The <age> man in <place> got the adult dosing alert'),
  // Phones and faxes
  ...t('note', 'Daughter asked to be called back at <phone>', 'Pharmacy phone <phone>, <drug> substitution pending', 'Reached the family on <phone> after <ts>'),
  ...t('alert', 'SMS delivery failed to <phone> (<reqid>)', 'Callback number <phone> rejected by gateway'),
  ...t('note', 'Referral faxed to fax <fax>; <code> attached', 'Send the discharge summary to Fax: <fax>'),
  // E-mail
  ...t('alert', 'Bounce from <email> for discharge instructions (<reqid>)', 'Portal invite to <email> failed at <ts>'),
  ...t('feedback', 'Please reply to <email> about the <phrase> wording'),
  // SSN
  ...t('alert', 'Payload contained SSN <ssn> in free text (<reqid>)', 'Identity match on <ssn> failed; <metric>'),
  ...t('note', 'Registration clerk typed social security number <ssn> into the notes field'),
  // MRN
  ...t('alert', 'Score missing for MRN <mrn> at <ts>', 'Duplicate chart: medical record no. <mrn> merged', 'HL7 ADT for patient ID <mrn> rejected: <code>'),
  ...t('note', 'Chart #<mrn> has <lab> but no sepsis alert', 'NHS number <mrn> not found in PDS'),
  // Health plan
  ...t('alert', 'Eligibility 271 failed for member ID <healthplan> (<reqid>)', 'Prior auth denied: policy number <healthplan>'),
  ...t('note', 'Medicare <healthplan> flagged as inactive; <product> billing stopped'),
  // Account
  ...t('alert', 'Billing export failed for account <account> at <ts>', 'Card <account> declined for copay'),
  ...t('note', 'Guarantor acct <account> shows a <metric> mismatch', 'Refund to IBAN <account> pending'),
  // Licence
  ...t('note', "Driver's license <license> scanned at registration", 'Prescriber DEA <license> missing on <drug> order'),
  ...t('alert', 'Passport <license> failed OCR (<reqid>)', 'State license <license> expired for the ordering provider'),
  // Vehicle
  ...t('note', 'Patient car VIN <vehicle> still in the ED bay lot', 'Security noted license plate <vehicle> at the ambulance entrance'),
  ...t('alert', 'Parking validation for plate <vehicle> failed at <ts>'),
  // Device
  ...t('alert', 'Infusion pump serial no. <device> offline since <ts>; <product>', 'Telemetry from device ID <device> dropped, <metric>'),
  ...t('note', 'Pacemaker serial <device> readout uploaded to the wrong chart', 'S/N <device> reported a battery fault'),
  ...t('alert', 'Home monitor MAC address <device> sent <vital>'),
  // URLs
  ...t('alert', 'Portal link <url> returned 500 at <ts>', 'Patient shared <url> in the chat widget'),
  ...t('note', 'Telehealth room <url> left open after the visit'),
  // IP
  ...t('alert', 'Portal login for the patient from <ip> blocked after 5 attempts (<host>)', 'Suspicious access to chart from <ip>; <reqid>'),
  ...t('note', 'The family logged in from <ip> while <host> was down'),
  // Biometric
  ...t('alert', 'Fingerprint template <biometric> did not match at the kiosk', 'Voiceprint ID <biometric> enrolment failed (<reqid>)'),
  ...t('note', 'Iris scan <biometric> attached to the wrong patient'),
  // Photo
  ...t('note', 'Wound photo and face photo <photo> uploaded to the incident by mistake', 'Registration photo: <photo> visible in the alert payload'),
  ...t('alert', 'Image of the patient <photo> failed virus scan at <ts>'),
  // Other ids
  ...t('alert', 'Study ID <id> unblinded by the dashboard', 'Encounter # <id> missing discharge disposition (<code>)', 'Claim number <id> rejected: <code>'),
  ...t('note', 'Wristband barcode <id> scanned on the wrong bed (<place>)', 'Accession no. <id> lab result not linked; <lab>'),
  // Mixed
  ...t('feedback', 'Triage assistant suggested <drug> for <name> (MRN <mrn>, DOB <date>) despite <lab>', 'Call <name> at <phone> or <email> about the <phrase> issue'),
  ...t('note', '<name>, <age>, of <address> — readmitted <date>; <vital>'),
  // Negatives
  ...t('alert', '<metric> on <host> (threshold 2000ms) at <ts>', 'Model <version> deployed; <metric>', '<reqid> timed out after 30s on <host>', 'Drift detected: <metric> on <version> at <ts>'),
  ...t('alert', 'HL7 parse error near <code> (<reqid>)', '<product> sent malformed OBX for <code>', 'Rollback to <version> complete at <ts>; <metric>'),
  ...t('note', 'Order set still suggests <drug> when <lab>; <code>', '<vital>, <lab> — alert should have fired', 'Pump library for <product> mismatch in <place>'),
  ...t('note', '<phrase> order set references <drug>', 'Restarted <host> at <ts>, <reqid> replayed', 'Check <code> mapping after the <version> upgrade'),
  ...t('feedback', 'Score ignored <lab> and <vital> in <place>', 'The <phrase> label is confusing next to <drug>', '<product> alarms are not reaching the sepsis model', 'Great catch on <lab>; <metric> looks right'),
]

export const HELDOUT_TEMPLATES: Template[] = [
  ...t('note', 'Callback requested by husband <name> regarding <drug>', 'Ms <name> reports the app showed someone else\'s results', 'Paged Dr. <name> twice, no answer (<ts>)'),
  ...t('feedback', 'Alert for <name> in <place> came 40 minutes late', 'patient <name> was scored with last week\'s <lab>'),
  ...t('alert', 'Identity mismatch: expected <name>, got <name> (<reqid>)'),
  ...t('note', 'Courier could not find <address>', 'Mailing address on file: <address>'),
  ...t('feedback', 'Last visit <date>; next appointment <date>', 'The birth date <date> shown is wrong'),
  ...t('note', 'Residents aged over 89 flagged: one <age> resident missed'),
  ...t('alert', 'Voice call to <phone> failed (<reqid>)', 'Contact number: <phone>'),
  ...t('note', 'Records requested by fax <fax> on behalf of the insurer'),
  ...t('feedback', 'Send the summary to <email> not the old address'),
  ...t('alert', 'Free-text field contained <ssn> (<host>)'),
  ...t('note', 'MRN: <mrn> has two open encounters', 'Patient number <mrn> is linked to the wrong ward'),
  ...t('alert', 'Subscriber id <healthplan> not recognised by payer'),
  ...t('note', 'Account number <account> flagged by collections'),
  ...t('note', 'Licence no. <license> on the courier form'),
  ...t('alert', 'Plate <vehicle> blocked the ambulance bay'),
  ...t('alert', 'Serial number <device> firmware out of date (<version>)'),
  ...t('feedback', 'Link in the reminder SMS: <url>'),
  ...t('alert', 'Geo-blocked sign-in from <ip> to patient portal'),
  ...t('note', 'Biometric template <biometric> re-enrolled'),
  ...t('note', 'Patient photo <photo> attached to a ticket'),
  ...t('alert', 'Participant ID <id> reported an adverse event'),
  ...t('note', '<name> (DOB <date>, <phone>) asked why the score changed'),
  ...t('feedback', 'Thanks to <name> for flagging the duplicate alert', 'Discussed with <name> and <name>; both saw <lab> ignored'),
  ...t('alert', 'Consent form for <name> missing signature (<reqid>)', 'Allergy list for <name> not synced from <product>'),
  ...t('note', 'Granddaughter <name> says <name> was confused after <drug>', 'Handover: <name> in <place>, <vital>'),
  ...t('alert', 'Latency spike: <metric> on <host>; <reqid>', '<product> reported <code> at <ts>', 'Canary <version> promoted; <metric>'),
  ...t('note', 'Dose check for <drug> fired with <lab>', '<vital> recorded in <place>; no alert', 'Renamed <phrase> banner after feedback'),
  ...t('feedback', 'Please show <lab> beside <drug>', 'The <product> integration dropped <code>'),
]
