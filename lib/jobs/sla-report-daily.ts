/** 09:00 every day: the SLA report of yesterday (./sla-report.ts). */
import { reportJob } from './sla-report'

export const slaReportDaily = reportJob('daily', '0 9 * * *')
