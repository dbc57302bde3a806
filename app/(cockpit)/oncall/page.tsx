import type { Metadata } from 'next'
import { buttonClasses } from '@/components/ui/button'
import { Card, CardBody } from '@/components/ui/card'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { MaintenanceForm } from '@/components/oncall/maintenance-form'
import { MaintenanceTable } from '@/components/oncall/maintenance-table'
import { MaintenanceScheduleForm } from '@/components/oncall/maintenance-schedule-form'
import { MaintenanceScheduleTable } from '@/components/oncall/maintenance-schedule-table'
import { PolicyCard } from '@/components/oncall/policy-card'
import { PolicyForm } from '@/components/oncall/policy-form'
import { ScheduleCard } from '@/components/oncall/schedule-card'
import { ScheduleForm } from '@/components/oncall/schedule-form'
import { requirePagePermission } from '@/lib/auth/guard'
import { listEscalationPolicies, listMaintenanceWindows, listPeople, listSchedules, listServices } from '@/lib/oncall/queries'
import { listMaintenanceSchedules } from '@/lib/oncall/maintenance-queries'
import { hasPermission } from '@/lib/rbac'

export const metadata: Metadata = { title: 'On-call' }

export default async function OnCallPage() {
  const user = await requirePagePermission('incident:read')
  const canManage = hasPermission(user.role, 'oncall:manage')
  const now = new Date()
  const [schedules, policies, windows, recurring, people, services] = await Promise.all([
    listSchedules(now),
    listEscalationPolicies(),
    listMaintenanceWindows(now),
    listMaintenanceSchedules(now),
    canManage ? listPeople() : Promise.resolve(null),
    canManage ? listServices() : Promise.resolve(null),
  ])
  const manage = people ? { people, schedules: schedules.map((s) => ({ id: s.id, name: s.name })) } : null

  return (
    <div className="space-y-10">
      <PageHeader
        title="On-call"
        description="Who is on call now and for the next two weeks, how unacknowledged incidents escalate, and which services are in maintenance."
      />

      <section aria-labelledby="schedules-heading" className="space-y-4">
        <h2 id="schedules-heading" className="text-lg font-semibold text-ink">
          Schedules
        </h2>
        {schedules.length === 0 && (
          <Card as="div">
            <EmptyState title="No schedules yet" icon="clock">
              A schedule rotates people daily or weekly at a local handoff time. Escalation policies page whoever it has on call.
            </EmptyState>
          </Card>
        )}
        {schedules.map((s) => (
          <ScheduleCard key={s.id} schedule={s} people={people} />
        ))}
        {people && (
          <details>
            <summary className={buttonClasses('primary', 'md', 'cursor-pointer list-none')}>New schedule</summary>
            <Card as="div" className="mt-3">
              <CardBody>
                <ScheduleForm people={people} />
              </CardBody>
            </Card>
          </details>
        )}
      </section>

      <section aria-labelledby="policies-heading" className="space-y-4">
        <h2 id="policies-heading" className="text-lg font-semibold text-ink">
          Escalation policies
        </h2>
        {policies.length === 0 && (
          <Card as="div">
            <EmptyState title="No escalation policies yet" icon="bell">
              Without a policy, incidents notify channels but page nobody. The operations guide’s default: critical immediately, high after 5 minutes, medium after 15.
            </EmptyState>
          </Card>
        )}
        <div className="grid gap-4 xl:grid-cols-2">
          {policies.map((p) => (
            <PolicyCard key={p.id} policy={p} manage={manage} />
          ))}
        </div>
        {manage && (
          <details>
            <summary className={buttonClasses('primary', 'md', 'cursor-pointer list-none')}>New escalation policy</summary>
            <Card as="div" className="mt-3">
              <CardBody>
                <PolicyForm people={manage.people} schedules={manage.schedules} />
              </CardBody>
            </Card>
          </details>
        )}
      </section>

      <SectionCard
        headingId="maintenance-heading"
        title="Maintenance windows"
        description="Incidents opened during a window are recorded but muted, and shown as muted on the board."
        bare
      >
        <MaintenanceTable windows={windows} canManage={canManage} />
        {services && (
          <CardBody className="border-t border-line">
            {services.length === 0 ? (
              <p className="text-sm text-ink-muted">No services are registered yet, so there is nothing to put in maintenance.</p>
            ) : (
              <MaintenanceForm services={services} />
            )}
          </CardBody>
        )}
      </SectionCard>

      <SectionCard
        headingId="recurring-maintenance-heading"
        title="Recurring maintenance"
        description="Windows that repeat (RFC 5545 rules, in UTC), scheduled 30 days ahead for one service or every service. Their windows mute incidents like one-off windows."
        bare
      >
        <MaintenanceScheduleTable schedules={recurring} canManage={canManage} />
        {services && services.length > 0 && (
          <CardBody className="border-t border-line">
            <MaintenanceScheduleForm services={services} />
          </CardBody>
        )}
      </SectionCard>
    </div>
  )
}
