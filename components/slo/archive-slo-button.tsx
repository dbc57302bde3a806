'use client'

import { archiveSloAction, restoreSloAction } from '@/lib/slo/manage-actions'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { Button } from '@/components/ui/button'
import { useActionForm } from '@/components/ui/use-action-form'

/** Archive asks once (the SLO leaves the dashboard and stops alerting); restore is immediate. Both are audited. */
export function ArchiveSloButton({ sloKey, name, archived }: { sloKey: string; name: string; archived: boolean }) {
  const restore = useActionForm(restoreSloAction)
  if (archived) {
    return (
      <Button size="sm" loading={restore.pending} onClick={() => restore.run({ key: sloKey })}>
        Restore<span className="sr-only"> {name}</span>
      </Button>
    )
  }
  return (
    <ConfirmButton
      size="sm"
      variant="secondary"
      title={`Archive ${name}?`}
      description="It leaves the dashboard, stops alerting and no longer guards flag rollouts; open alerts resolve. Its history is kept, and it can be restored. The change is audited."
      confirmLabel="Archive objective"
      confirmAction={() => archiveSloAction({ key: sloKey })}
    >
      Archive<span className="sr-only"> {name}</span>
    </ConfirmButton>
  )
}
