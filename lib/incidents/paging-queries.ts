/** Reads behind the "no paging channel enabled" warnings of the board and the incident page. */
import 'server-only'
import { db } from '../db'
import { pagingStatus, type PagingStatus } from './paging'

/** The enabled notification channels and whether any of them pages someone (paging.ts). */
export async function getPagingStatus(): Promise<PagingStatus> {
  const enabled = await db.notificationChannel.findMany({ where: { enabled: true }, select: { name: true, type: true }, orderBy: { name: 'asc' } })
  return pagingStatus(enabled)
}
