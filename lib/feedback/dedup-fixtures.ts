/**
 * Clinician reports for tuning and measuring duplicate detection (dedup.ts, dedup.db.test.ts): written as
 * clinicians type them into a widget — hurried, abbreviated, some with patient identifiers that the
 * redactor removes first. Reports with the same `issue` describe one problem in different words (true
 * duplicates); reports with `issue: null` stand alone, many on the same screen or feature as a cluster
 * but about something else (the hard negatives a threshold must not merge). Names, numbers and dates
 * here are invented.
 */
import type { FeedbackType } from './schema'

export interface DedupFixture {
  issue: string | null
  type: FeedbackType
  text: string
}

export const DEDUP_FIXTURES: readonly DedupFixture[] = [
  // ── Bugs ──
  { issue: 'discharge-slow', type: 'bug', text: 'Discharge summary draft takes over a minute to generate, the spinner just keeps going' },
  { issue: 'discharge-slow', type: 'bug', text: 'Generating the discharge summary is really slow today, waited 70 seconds for the draft' },
  { issue: 'discharge-slow', type: 'bug', text: 'discharge summary generation very slow - over a minute every time' },
  { issue: 'sepsis-lactate', type: 'bug', text: 'Sepsis risk score ignores the latest lactate, still shows the old value from this morning' },
  { issue: 'sepsis-lactate', type: 'bug', text: 'The sepsis score is not using the new lactate result for patient John Miller MRN 48213377, it is calculated on the morning lactate' },
  { issue: 'sepsis-lactate', type: 'bug', text: 'sepsis risk score not updated after the repeat lactate came back' },
  { issue: 'scribe-drugs', type: 'bug', text: 'Ambient scribe transcribes drug names wrong, metoprolol became metformin in the note' },
  { issue: 'scribe-drugs', type: 'bug', text: 'The scribe keeps mishearing medication names - metoprolol written as metformin' },
  { issue: 'scribe-drugs', type: 'bug', text: 'scribe note transcription gets drug names wrong (metoprolol -> metformin) for Mrs Patel in bed 4' },
  { issue: 'handover-print', type: 'bug', text: 'Handover list cuts off the last column when printed' },
  { issue: 'handover-print', type: 'bug', text: 'When I print the handover list the last column is cut off' },
  { issue: 'sso-loop', type: 'bug', text: 'Stuck in a login loop with single sign-on on the ward computers' },
  { issue: 'sso-loop', type: 'bug', text: 'single sign-on keeps looping back to the login page on ward computers, cannot get in' },
  { issue: 'sso-loop', type: 'bug', text: 'login page loops after single sign on with smartcard' },
  { issue: 'labs-sync', type: 'bug', text: 'Lab results from the EHR are not showing up in the AI summary for several hours' },
  { issue: 'labs-sync', type: 'bug', text: "AI summary is missing today's lab results, they are in Epic but not in the summary" },
  { issue: 'labs-sync', type: 'bug', text: 'New lab results not coming through to the AI summary panel' },
  { issue: 'cxr-pacemaker', type: 'bug', text: 'Chest x-ray triage flags every film with a pacemaker as pneumothorax' },
  { issue: 'cxr-pacemaker', type: 'bug', text: 'Chest x-ray AI calls pneumothorax on patients with pacemakers, false positives all day' },
  { issue: 'orderset-dupes', type: 'bug', text: 'AI suggested order set adds the same blood tests twice' },
  { issue: 'orderset-dupes', type: 'bug', text: 'Suggested order set orders the same blood tests twice (FBC and U&E duplicated)' },
  { issue: 'bedboard-stale', type: 'bug', text: 'Bed board does not refresh, shows patients who were discharged hours ago' },
  { issue: 'bedboard-stale', type: 'bug', text: 'The bed board is stale - discharged patients still shown until I refresh the page' },
  { issue: 'medrec-timeout', type: 'bug', text: 'Medication reconciliation screen times out when the patient has many meds' },
  { issue: 'medrec-timeout', type: 'bug', text: 'medication reconciliation page times out for patients on long medication lists' },
  { issue: 'medrec-timeout', type: 'bug', text: 'Med reconciliation times out - patient on 23 medications, tried three times' },
  { issue: 'panel-font', type: 'bug', text: 'Text in the suggestion panel is too small to read on the ward monitors' },
  { issue: 'panel-font', type: 'bug', text: 'suggestion panel text is tiny and too small to read' },
  // Same screens and features as above, different problems.
  { issue: null, type: 'bug', text: 'Discharge summary puts the follow-up appointment in the wrong section' },
  { issue: null, type: 'bug', text: 'Discharge summary draft leaves out the allergies section' },
  { issue: null, type: 'bug', text: 'Sepsis risk score panel takes a long time to load' },
  { issue: null, type: 'bug', text: 'Sepsis score shows high risk for every patient on dialysis' },
  { issue: null, type: 'bug', text: 'Scribe misses the plan when two clinicians talk at the same time' },
  { issue: null, type: 'bug', text: 'Ambient scribe stops recording after 10 minutes' },
  { issue: null, type: 'bug', text: 'Handover list sorts patients by bed number incorrectly' },
  { issue: null, type: 'bug', text: 'Lab results in the AI summary show mmol/L when our lab reports mg/dL' },
  { issue: null, type: 'bug', text: 'The suggestion panel covers the medication chart on small screens' },
  { issue: null, type: 'bug', text: 'Bed board colours for isolation and falls risk are hard to tell apart' },
  { issue: null, type: 'bug', text: 'Medication reconciliation suggests stopping a drug the patient is not taking' },
  { issue: null, type: 'bug', text: 'Login takes 30 seconds on the ward computers' },
  { issue: null, type: 'bug', text: 'Chest x-ray triage is slow to return results in the emergency department' },
  { issue: null, type: 'bug', text: 'AI summary repeats the same paragraph twice' },
  { issue: null, type: 'bug', text: 'Order set suggestion does not include the VTE prophylaxis' },
  { issue: null, type: 'bug', text: 'Cannot print the discharge summary, printer dialog never opens' },
  // ── Suggestions ──
  { issue: 'accept-shortcut', type: 'suggestion', text: 'Please add a keyboard shortcut to accept the AI suggestion' },
  { issue: 'accept-shortcut', type: 'suggestion', text: 'Would be great to accept suggestions with a keyboard shortcut instead of clicking' },
  { issue: 'accept-shortcut', type: 'suggestion', text: 'keyboard shortcut for accepting the suggestion please' },
  { issue: 'specialty-templates', type: 'suggestion', text: 'Let us choose the discharge summary template per specialty' },
  { issue: 'specialty-templates', type: 'suggestion', text: 'Discharge summary should have specialty specific templates' },
  { issue: 'night-mode', type: 'suggestion', text: 'Dark mode for night shifts please, the screen is too bright on a dark ward' },
  { issue: 'night-mode', type: 'suggestion', text: 'Can we have a dark mode for nights? The screen is far too bright' },
  { issue: null, type: 'suggestion', text: 'Add a shortcut to open the handover list' },
  { issue: null, type: 'suggestion', text: 'Discharge summary should include pending lab results' },
  { issue: null, type: 'suggestion', text: 'Please make the AI summary shorter, it is too long to read on rounds' },
  { issue: null, type: 'suggestion', text: 'Show the sepsis score trend over the last 24 hours' },
  { issue: null, type: 'suggestion', text: 'Let nurses edit the handover list as well as doctors' },
  // ── Praise ──
  { issue: 'praise-discharge', type: 'praise', text: 'The discharge summary draft saves me so much time, thank you' },
  { issue: 'praise-discharge', type: 'praise', text: 'Love the discharge summary drafts, saving me so much time every shift' },
  { issue: null, type: 'praise', text: 'The sepsis alert picked up a deteriorating patient early last night, great work' },
  { issue: null, type: 'praise', text: 'Scribe is brilliant in clinic, thank you' },
]
