'use client'

import { useRouter } from 'next/navigation'
import { deleteServiceAction, setServiceArchivedAction } from '@/lib/services/actions'
import { ConfirmButton } from '@/components/ui/confirm-button'

/**
 * Archive (or bring back) a service, and delete one nothing refers to. Both ask once; both are audited.
 * Deleting a service with history is refused by the server, with what still refers to it.
 */
export function ServiceLifecycle({ id, name, archived, deletable }: { id: string; name: string; archived: boolean; deletable: boolean }) {
  const router = useRouter()
  return (
    <div className="flex flex-wrap gap-2">
      {archived ? (
        <ConfirmButton
          variant="secondary"
          title={`Bring ${name} back into the catalogue?`}
          description="It shows in the catalogue and in pickers again."
          confirmLabel="Unarchive"
          confirmAction={async () => {
            const r = await setServiceArchivedAction({ id, archived: false })
            if (r.ok) router.refresh()
            return r
          }}
        >
          Unarchive
        </ConfirmButton>
      ) : (
        <ConfirmButton
          variant="secondary"
          title={`Archive ${name}?`}
          description="It disappears from the catalogue and from pickers; its incidents, SLOs and probes keep their history. You can unarchive it later."
          confirmLabel="Archive"
          confirmAction={async () => {
            const r = await setServiceArchivedAction({ id, archived: true })
            if (r.ok) router.refresh()
            return r
          }}
        >
          Archive
        </ConfirmButton>
      )}
      {deletable && (
        <ConfirmButton
          title={`Delete ${name}?`}
          description="Nothing refers to it yet, so it can be deleted for good. This cannot be undone."
          confirmLabel="Delete"
          confirmAction={async () => {
            const r = await deleteServiceAction({ id })
            if (r.ok) router.push('/services')
            return r
          }}
        >
          Delete
        </ConfirmButton>
      )}
    </div>
  )
}
