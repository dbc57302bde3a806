/** What started a run, in words (JobRun.trigger). */
export const TRIGGER_LABELS: Record<string, string> = {
  schedule: 'Schedule',
  http: 'Cron call',
  cli: 'Command line',
  manual: 'Run now',
}

export const triggerLabel = (trigger: string) => TRIGGER_LABELS[trigger] ?? trigger

const STATUS_WORDS: Record<string, string> = { ok: 'OK', failed: 'failed', skipped: 'skipped', running: 'running', interrupted: 'interrupted' }
const ORDER = ['failed', 'interrupted', 'running', 'ok', 'skipped']

/** "7 OK · 3 failed": how the given runs ended, the worrying outcomes first; "No runs yet" for none. */
export function summarizeRuns(statuses: readonly string[]): string {
  if (statuses.length === 0) return 'No runs yet'
  const counts = new Map<string, number>()
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1)
  return [...counts.entries()]
    .sort(([a], [b]) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99))
    .map(([status, n]) => `${n} ${STATUS_WORDS[status] ?? status}`)
    .join(' · ')
}
