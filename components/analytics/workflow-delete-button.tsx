'use client'

import { useRouter } from 'next/navigation'
import { deleteWorkflowAction } from '@/lib/analytics/registry-actions'
import { ConfirmButton } from '@/components/ui/confirm-button'

/** Deletes a workflow after asking once; its insights stay, under its key. Audited. */
export function WorkflowDeleteButton({ workflowKey, name }: { workflowKey: string; name: string }) {
  const router = useRouter()
  return (
    <ConfirmButton
      title={`Delete the workflow “${name}”?`}
      description="Its funnel and the daily insights stop; insights already found stay listed under its key. The deletion is recorded in the audit log. No events are deleted."
      confirmLabel="Delete workflow"
      confirmAction={async () => {
        const result = await deleteWorkflowAction({ key: workflowKey })
        if (result.ok) router.push('/analytics')
        return result
      }}
    >
      Delete
    </ConfirmButton>
  )
}
