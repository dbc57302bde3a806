import type { Metadata } from 'next'
import { PageHeader } from '@/components/ui/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { SectionCard } from '@/components/ui/section-card'
import { JobTable } from '@/components/jobs/job-table'
import { SchedulerStatus } from '@/components/jobs/scheduler-status'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { getSchedulerInfo, listJobs, RECENT_RUNS } from '@/lib/jobs/queries'

export const metadata: Metadata = { title: 'Jobs' }

export default async function JobsPage() {
  const user = await requirePagePermission('job:read')
  const canRun = hasPermission(user.role, 'job:run')
  const scheduler = getSchedulerInfo()
  const now = new Date()
  const jobs = await listJobs(RECENT_RUNS, now)
  const attention = jobs.filter((j) => j.health === 'failing' || j.health === 'overdue').length

  return (
    <>
      <PageHeader
        title="Jobs"
        description="Periodic jobs, failing and overdue ones first. A run is stopped at its time limit, and a job never runs twice at once, even across instances. Open a job for all its runs."
      />
      <SchedulerStatus scheduler={scheduler} />
      <SectionCard
        headingId="jobs-heading"
        title="Scheduled jobs"
        description={
          attention === 0 ? `All ${jobs.length} jobs are running as scheduled.` : `${attention} of ${jobs.length} ${attention === 1 ? 'needs' : 'need'} a look.`
        }
        bare
      >
        {jobs.length === 0 ? (
          <EmptyState title="No jobs are registered">Jobs are registered in lib/jobs/registry.ts.</EmptyState>
        ) : (
          <JobTable jobs={jobs} canRun={canRun} scheduled={scheduler.enabled} now={now} />
        )}
      </SectionCard>
    </>
  )
}
