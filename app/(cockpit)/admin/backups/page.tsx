import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { getBackupsOverview } from '@/lib/backups/queries'
import { env } from '@/lib/env'
import { hasPermission } from '@/lib/rbac'
import { BackupTable } from '@/components/backups/backup-table'
import { DrillTable } from '@/components/backups/drill-table'
import { ObjectivesPanel } from '@/components/backups/objectives-panel'
import { RunDrillButton } from '@/components/backups/run-drill-button'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Backups' }

const jobLink = (name: string) => (
  <Link href={`/admin/jobs/${name}`} className="font-mono text-accent-fg hover:underline">
    {name}
  </Link>
)

/** Backups and restore drills against the recovery objectives: measured figures only. */
export default async function BackupsPage() {
  const user = await requirePagePermission('backup:read')
  const canRun = hasPermission(user.role, 'backup:run')
  const overview = await getBackupsOverview(new Date())
  const { settings } = overview

  return (
    <>
      <PageHeader
        title="Backups"
        description={`Hourly backups (daily at 02:00 and weekly on Sunday at 03:00 among them, ${env.WARDROOM_TIMEZONE}), each checksummed, and a weekly drill that restores the newest into a scratch database and checks it. The objectives below are measured, not assumed.`}
      />
      <div className="space-y-6">
        {overview.configError && (
          <p role="alert" className="rounded-lg border border-critical-border bg-critical-bg px-4 py-3 text-sm text-critical-fg">
            The backup settings cannot be read, so no backup can be taken: {overview.configError}
          </p>
        )}
        <ObjectivesPanel rpo={overview.rpo} rto={overview.rto} drillAction={canRun ? <RunDrillButton /> : undefined} />

        <SectionCard
          headingId="drills-heading"
          title="Restore drills"
          description={<>Newest first. Run weekly by {jobLink('restore-drill')}; a failed drill opens an incident.</>}
          bare
        >
          {overview.drills.length === 0 ? (
            <EmptyState title="No restore drill yet" icon="shield">
              The {jobLink('restore-drill')} job runs weekly (Sunday 04:30 unless its schedule was changed){canRun ? '; or run one now above' : ''}. Until then the restore time is unmeasured.
            </EmptyState>
          ) : (
            <DrillTable drills={overview.drills} />
          )}
        </SectionCard>

        <SectionCard
          headingId="backups-heading"
          title="Backups on disk"
          description={
            <>
              In <span className="font-mono wrap-anywhere">{settings.dir}</span>, written by {jobLink('db-backup')}. Daily and weekly ones are kept {settings.retentionDays} days, hourly ones{' '}
              {settings.hourlyRetentionHours} h. Offsite: <span className="wrap-anywhere">{settings.offsite}</span>
              {settings.offsiteRetentionDays ? ` (kept ${settings.offsiteRetentionDays} days)` : ''}.
            </>
          }
          bare
        >
          {overview.backups.length === 0 ? (
            <EmptyState title="No backups yet" icon="list">
              The {jobLink('db-backup')} job writes one every hour; an administrator can run it now from its page.
            </EmptyState>
          ) : (
            <BackupTable backups={overview.backups} />
          )}
          {overview.problems.length > 0 && (
            <div className="border-t border-line px-4 py-3 text-sm text-critical-fg" role="note">
              {overview.problems.length} file(s) in the directory are not usable backups:{' '}
              {overview.problems
                .slice(0, 3)
                .map((p) => `${p.file} (${p.problem})`)
                .join('; ')}
              .
            </div>
          )}
        </SectionCard>
      </div>
    </>
  )
}
