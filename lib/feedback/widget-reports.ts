/**
 * "Your reports" in the widget: the reports sent from one browser (its token's pseudonym, `browserKey`),
 * newest first, with the status word the clinician sees (widget-status.ts). Only that browser's: the
 * query is keyed by the pseudonym of the token the browser presents, never by anything the list returns.
 */
import { serverPseudonymizer } from '@/lib/analytics/pseudonym'
import { db } from '@/lib/db'
import { widgetStatusOf, type WidgetStatus } from './widget-status'

export const YOUR_REPORTS_LIMIT = 20
const EXCERPT = 80

export interface WidgetReport {
  number: number
  type: string
  status: WidgetStatus
  /** The start of the stored (redacted) description, so the clinician can tell reports apart. */
  excerpt: string
  createdAt: string
}

export async function reportsOfBrowser(browserToken: string): Promise<WidgetReport[]> {
  const browserKey = serverPseudonymizer()('browser', browserToken)
  const rows = await db.feedbackItem.findMany({
    where: { browserKey },
    orderBy: { createdAt: 'desc' },
    take: YOUR_REPORTS_LIMIT,
    select: { number: true, type: true, status: true, description: true, createdAt: true, parent: { select: { status: true } } },
  })
  return rows.map((r) => ({
    number: r.number,
    type: r.type,
    status: widgetStatusOf(r.status, r.parent?.status ?? null),
    excerpt: r.description.length > EXCERPT ? `${r.description.slice(0, EXCERPT - 1)}…` : r.description,
    createdAt: r.createdAt.toISOString(),
  }))
}
