/**
 * The numbers the alert rules would decide on right now, for "show the workings" on an SLO's page. Built
 * from S1's pieces (the burn-window sums, burnState, workingsOf): the same figures slo-evaluate stores on a
 * violation when a rule fires, so the page never explains a decision with different maths.
 */
import { db } from '../db'
import { env } from '../env'
import { burnState, workingsOf } from './burn-state'
import { readBurnSums } from './sums'
import type { ViolationWorkings } from './types'
import { sloWindow, windowHours } from './windows'

export async function getCurrentWorkings(key: string, now: Date = new Date(), timeZone: string = env.WARDROOM_TIMEZONE): Promise<ViolationWorkings | null> {
  const slo = await db.slo.findUnique({ where: { key } })
  if (!slo) return null
  const sums = (await readBurnSums([slo], now)).get(slo.id)
  if (!sums) return null
  const state = burnState(slo, sums.byWindow, windowHours(sloWindow(slo, now, timeZone)))
  return workingsOf(slo, state, now)
}
