/** 09:00 every Monday: the SLA report of last ISO week (./sla-report.ts). */
import { reportJob } from './sla-report'

export const slaReportWeekly = reportJob('weekly', '0 9 * * 1')
