/**
 * The two periods the analytics-insights job compares for a workflow: the last 7 whole UTC days and the 7
 * before them. Whole days make a rerun on the same day compare the same periods (so it updates its
 * insights instead of adding new ones). The current period ends at the last midnight at least one
 * conversion window ago, so that everyone who started in it has had the whole window to finish: a period
 * ending at the latest midnight would count people still on their way as lost, and every run would find
 * the freshest day's drop-off "increased".
 */
const DAY = 86_400_000
export const INSIGHT_PERIOD_DAYS = 7

export interface InsightPeriods {
  periodFrom: Date
  periodTo: Date
  previousFrom: Date
  previousTo: Date
}

export function insightPeriods(now: Date, conversionWindowMs: number, days = INSIGHT_PERIOD_DAYS): InsightPeriods {
  const to = Math.floor((now.getTime() - conversionWindowMs) / DAY) * DAY
  const from = to - days * DAY
  return { periodFrom: new Date(from), periodTo: new Date(to), previousFrom: new Date(from - days * DAY), previousTo: new Date(from) }
}
