import type { Metadata } from 'next'
import { PageHeader } from '@/components/ui/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { JobCard } from '@/components/jobs/job-card'
import { SchedulerStatus } from '@/components/jobs/scheduler-status'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { getSchedulerInfo, listJobs } from '@/lib/jobs/queries'

export const metadata: Metadata = { title: 'Jobs' }

export default async function JobsPage() {
  const user = await requirePagePermission('job:read')
  const canRun = hasPermission(user.role, 'job:run')
  const scheduler = getSchedulerInfo()
  const jobs = await listJobs()
  const now = new Date()

  return (
    <>
      <PageHeader
        title="Jobs"
        description="Periodic jobs, failing and overdue ones first. Each run is recorded and stopped at its timeout; a job never runs twice at once, even across instances."
      />
      <SchedulerStatus scheduler={scheduler} />
      {jobs.length === 0 ? (
        <EmptyState title="No jobs are registered">Jobs are registered in lib/jobs/registry.ts.</EmptyState>
      ) : (
        <div className="space-y-6">
          {jobs.map((job) => (
            <JobCard key={job.name} job={job} canRun={canRun} scheduled={scheduler.enabled} timezone={scheduler.timezone} now={now} />
          ))}
        </div>
      )}
    </>
  )
}
