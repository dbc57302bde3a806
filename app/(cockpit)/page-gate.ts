/**
 * The cockpit's page gate, run by the layout above every `loading.tsx`: once a loading fallback has
 * streamed, the response is committed to 200 and a page's own `forbidden()` / `notFound()` can only show
 * the friendly page. Checked here first, a person without the permission gets 403 and an unknown incident,
 * flag, experiment, SLO, report, job, service, workflow, feedback item, roadmap item or roadmap review 404, with the same pages (app/forbidden.tsx, app/not-found.tsx).
 * The pages still check for themselves: a client-side navigation does not re-render this layout.
 */
import 'server-only'
import { headers } from 'next/headers'
import { forbidden, notFound } from 'next/navigation'
import type { SessionUser } from '@/lib/auth/session'
import { PATHNAME_HEADER, pagePermissions, pageRecord, type RecordKind } from '@/lib/page-access'
import { hasPermission } from '@/lib/rbac'
import { incidentExists } from '@/lib/incidents/board-queries'
import { flagExists } from '@/lib/flags/queries'
import { experimentExists } from '@/lib/flags/experiments'
import { sloExists } from '@/lib/slo/queries'
import { reportExists } from '@/lib/slo/report-queries'
import { jobExists } from '@/lib/jobs/queries'
import { serviceExists } from '@/lib/services/queries'
import { workflowExists } from '@/lib/analytics/registry-queries'
import { cellExists, competitorExists } from '@/lib/competitors/queries'
import { feedbackExists } from '@/lib/feedback/inbox-queries'
import { roadmapItemExists } from '@/lib/roadmap/item-queries'
import { reviewExists } from '@/lib/roadmap/review-queries'

const EXISTS: Record<RecordKind, (id: string) => Promise<boolean>> = {
  incident: incidentExists,
  flag: flagExists,
  experiment: experimentExists,
  slo: sloExists,
  report: reportExists,
  job: jobExists,
  service: serviceExists,
  workflow: workflowExists,
  competitor: competitorExists,
  'competitor-cell': cellExists,
  feedback: feedbackExists,
  roadmap: roadmapItemExists,
  'roadmap-review': reviewExists,
}

export async function gatePage(user: SessionUser): Promise<void> {
  // Set by proxy.ts on every page request (a client's own value is overwritten); absent, the page checks alone.
  const pathname = (await headers()).get(PATHNAME_HEADER)
  if (!pathname) return
  const needs = pagePermissions(pathname)
  if (needs && !needs.some((p) => hasPermission(user.role, p))) forbidden()
  const record = pageRecord(pathname)
  if (record && (record.id === null || !(await EXISTS[record.kind](record.id)))) notFound()
}
