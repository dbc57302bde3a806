/** 09:00 on the 1st: the SLA report of last month (./sla-report.ts). */
import { reportJob } from './sla-report'

export const slaReportMonthly = reportJob('monthly', '0 9 1 * *')
