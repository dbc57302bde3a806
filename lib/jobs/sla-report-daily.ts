/** 09:00 every day: the SLA report of yesterday (lib/slo/report-job.ts). */
import { reportJob } from '../slo/report-job'

export const slaReportDaily = reportJob('daily', '0 9 * * *')
