/**
 * SLO reads for pages and route handlers: the overview (also `GET /api/slo`), one SLO's detail, report
 * figures, violation counts. The implementations live in overview.ts, free of 'server-only', so that jobs
 * and the benchmark can run them in plain Node.
 */
import 'server-only'
import { db } from '../db'

export { getSloOverview, getSloDetail, getPeriodFigures, countViolations, type ReadOptions } from './overview'
export type * from './types'

/** Whether an SLO with this key exists: the page gate's 404 check. */
export async function sloExists(key: string): Promise<boolean> {
  return (await db.slo.count({ where: { key } })) > 0
}
