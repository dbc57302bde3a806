import { Badge } from '@/components/ui/badge'
import { buttonClasses } from '@/components/ui/button'
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { formatInZone, formatShiftLength, spansClockChange } from '@/lib/oncall/format'
import { HORIZON_DAYS, type ScheduleView } from '@/lib/oncall/queries'
import { DeleteScheduleButton, RemoveOverrideButton } from './confirm-actions'
import { OverrideForm } from './override-form'
import type { PersonOption } from './person-list-editor'
import { ScheduleForm } from './schedule-form'
import { ViewerTime } from '@/components/ui/viewer-time'

export interface ScheduleCardProps {
  schedule: ScheduleView
  /** People who can be put on call; present only for those allowed to manage on-call. */
  people: readonly PersonOption[] | null
}

function OnCallNow({ schedule }: { schedule: ScheduleView }) {
  const shift = schedule.now
  if (!shift) {
    return (
      <p className="flex items-center gap-2 text-sm text-critical-fg">
        <Badge tone="critical" icon="alert-octagon">
          Nobody on call
        </Badge>
        {schedule.participants.length === 0 ? 'The rotation has no people.' : `The rotation starts on ${schedule.startDate}.`}
      </p>
    )
  }
  return (
    <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
      <span className="text-ink-muted">On call now</span>
      <span className="text-lg font-semibold text-ink">{shift.userName}</span>
      {shift.source === 'override' && (
        <Badge tone="accent" icon="users">
          Override
        </Badge>
      )}
      <span className="text-ink-muted">
        until <span className="font-medium text-ink tabular-nums">{formatInZone(shift.to, schedule.timezone)}</span> (<RelativeTime date={shift.to} />)
      </span>
    </div>
  )
}

function ShiftTable({ schedule }: { schedule: ScheduleView }) {
  if (schedule.upcoming.length === 0) {
    return (
      <EmptyState title={`Nobody is scheduled in the next ${HORIZON_DAYS} days`} icon="clock">
        Add people to the rotation, or check its start date.
      </EmptyState>
    )
  }
  return (
    <Table caption={`Who is on call for ${schedule.name} over the next ${HORIZON_DAYS} days`} captionHidden>
      <THead>
        <Tr>
          <Th>On call</Th>
          <Th>From ({schedule.timezone})</Th>
          <Th>Until ({schedule.timezone})</Th>
          <Th>In your time zone</Th>
          <Th numeric>Length</Th>
        </Tr>
      </THead>
      <TBody>
        {schedule.upcoming.map((s) => (
          <Tr key={`${s.from.toISOString()}-${s.userId}`}>
            <Td>
              <span className="font-medium">{s.userName}</span>
              {s.source === 'override' && (
                <Badge tone="accent" className="ml-2">
                  Override
                </Badge>
              )}
            </Td>
            <Td className="whitespace-nowrap">{formatInZone(s.from, schedule.timezone)}</Td>
            <Td className="whitespace-nowrap">{formatInZone(s.to, schedule.timezone)}</Td>
            <Td className="text-ink-muted">
              <ViewerTime date={s.from} /> – <ViewerTime date={s.to} />
            </Td>
            <Td numeric>
              {formatShiftLength(s.from, s.to)}
              {spansClockChange(s.from, s.to, schedule.timezone) && (
                <span className="block text-xs text-ink-muted">clocks change</span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}

function Overrides({ schedule, canManage }: { schedule: ScheduleView; canManage: boolean }) {
  if (schedule.overrides.length === 0) return <p className="text-sm text-ink-muted">No overrides in the next {HORIZON_DAYS} days.</p>
  return (
    <ul className="divide-y divide-line text-sm">
      {schedule.overrides.map((o) => {
        const label = `${o.userName}, ${formatInZone(o.startsAt, schedule.timezone)} to ${formatInZone(o.endsAt, schedule.timezone)}`
        return (
          <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <span className="font-medium">{o.userName}</span>{' '}
              <span className="text-ink-muted tabular-nums">
                {formatInZone(o.startsAt, schedule.timezone)} – {formatInZone(o.endsAt, schedule.timezone)}
              </span>
              {o.reason && <span className="text-ink-muted"> · {o.reason}</span>}
            </span>
            {canManage && <RemoveOverrideButton overrideId={o.id} label={label} />}
          </li>
        )
      })}
    </ul>
  )
}

export function ScheduleCard({ schedule, people }: ScheduleCardProps) {
  const headingId = `schedule-${schedule.id}`
  const canManage = people !== null
  const memberNames = Object.fromEntries(schedule.participants.map((p) => [p.id, p.name]))
  return (
    <Card aria-labelledby={headingId}>
      <CardHeader actions={canManage ? <DeleteScheduleButton scheduleId={schedule.id} name={schedule.name} usedBy={schedule.usedBy} /> : undefined}>
        <CardTitle
          id={headingId}
          description={`${schedule.rotation === 'weekly' ? 'Weekly' : 'Daily'} handoff at ${schedule.handoffTime} ${schedule.timezone} · ${schedule.participants
            .map((p) => p.name)
            .join(' → ')}`}
        >
          {schedule.name}
        </CardTitle>
      </CardHeader>
      <CardBody className="space-y-4">
        <OnCallNow schedule={schedule} />
        {schedule.usedBy.length > 0 && <p className="text-xs text-ink-muted">Paged by: {schedule.usedBy.join(', ')}</p>}
      </CardBody>
      <div className="border-t border-line pt-2">
        <h3 className="px-4 text-sm font-semibold text-ink">Next {HORIZON_DAYS} days</h3>
        <ShiftTable schedule={schedule} />
      </div>
      <CardBody className="space-y-3 border-t border-line">
        <h3 className="text-sm font-semibold text-ink">Overrides</h3>
        <Overrides schedule={schedule} canManage={canManage} />
        {canManage && (
          <>
            <details className="group">
              <summary className={buttonClasses('secondary', 'sm', 'cursor-pointer list-none')}>Add an override</summary>
              <div className="mt-3">
                <OverrideForm scheduleId={schedule.id} scheduleName={schedule.name} people={people} />
              </div>
            </details>
            <details className="group">
              <summary className={buttonClasses('ghost', 'sm', 'cursor-pointer list-none')}>Edit schedule</summary>
              <div className="mt-3">
                <ScheduleForm
                  people={people}
                  memberNames={memberNames}
                  initial={{
                    scheduleId: schedule.id,
                    name: schedule.name,
                    timezone: schedule.timezone,
                    rotation: schedule.rotation,
                    handoffTime: schedule.handoffTime,
                    startDate: schedule.startDate,
                    participantIds: schedule.participants.map((p) => p.id),
                  }}
                />
              </div>
            </details>
          </>
        )}
      </CardBody>
    </Card>
  )
}
