'use client'

import { archiveMaintenanceScheduleAction, deleteScheduleAction, endMaintenanceAction, removeOverrideAction } from '@/lib/oncall/actions'
import { ConfirmButton } from '@/components/ui/confirm-button'

export function RemoveOverrideButton({ overrideId, label }: { overrideId: string; label: string }) {
  return (
    <ConfirmButton
      size="sm"
      variant="secondary"
      title="Remove this override?"
      description={`${label}. The rotation covers this time again. The removal is audited.`}
      confirmLabel="Remove override"
      confirmAction={() => removeOverrideAction({ overrideId })}
    >
      Remove<span className="sr-only"> override: {label}</span>
    </ConfirmButton>
  )
}

export function DeleteScheduleButton({ scheduleId, name, usedBy }: { scheduleId: string; name: string; usedBy: readonly string[] }) {
  return (
    <ConfirmButton
      size="sm"
      title={`Delete schedule ${name}?`}
      description={
        usedBy.length > 0
          ? `It is paged by ${usedBy.join(', ')}: remove it from those escalation policies first.`
          : 'Its rotation and overrides are deleted. This cannot be undone; the deletion is audited.'
      }
      confirmLabel="Delete schedule"
      confirmAction={() => deleteScheduleAction({ scheduleId })}
    >
      Delete<span className="sr-only"> schedule {name}</span>
    </ConfirmButton>
  )
}

export function EndMaintenanceButton({ windowId, serviceName, active }: { windowId: string; serviceName: string; active: boolean }) {
  const verb = active ? 'End' : 'Cancel'
  return (
    <ConfirmButton
      size="sm"
      variant="secondary"
      title={`${verb} maintenance of ${serviceName}?`}
      description={
        active
          ? 'It ends now: new incidents of this service notify and escalate again.'
          : 'The window is removed before it starts.'
      }
      confirmLabel={`${verb} maintenance`}
      confirmAction={() => endMaintenanceAction({ windowId })}
    >
      {verb}
      <span className="sr-only"> maintenance of {serviceName}</span>
    </ConfirmButton>
  )
}

export function ArchiveMaintenanceScheduleButton({ scheduleId, label }: { scheduleId: string; label: string }) {
  return (
    <ConfirmButton
      size="sm"
      variant="secondary"
      title="Archive this recurring maintenance?"
      description={`${label}. No more windows are made and those not yet started are removed; a window in progress runs to its end. The change is audited.`}
      confirmLabel="Archive"
      confirmAction={() => archiveMaintenanceScheduleAction({ scheduleId })}
    >
      Archive<span className="sr-only"> recurring maintenance: {label}</span>
    </ConfirmButton>
  )
}
