/** 09:00 every Monday: the SLA report of last ISO week (lib/slo/report-job.ts). */
import { reportJob } from '../slo/report-job'

export const slaReportWeekly = reportJob('weekly', '0 9 * * 1')
