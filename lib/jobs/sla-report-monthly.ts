/** 09:00 on the 1st: the SLA report of last month (lib/slo/report-job.ts). */
import { reportJob } from '../slo/report-job'

export const slaReportMonthly = reportJob('monthly', '0 9 1 * *')
