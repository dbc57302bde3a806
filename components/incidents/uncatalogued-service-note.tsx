import Link from 'next/link'

/**
 * An incident on the default service whose alerts named a service the catalogue does not know: says so,
 * and offers those who manage the catalogue to add it (the form opens with the key filled in).
 */
export function UncataloguedServiceNote({ serviceKey, canCreate }: { serviceKey: string; canCreate: boolean }) {
  return (
    <p className="rounded-md border border-at-risk-border bg-at-risk-bg px-3 py-2 text-sm text-at-risk-fg" role="note">
      Service <span className="font-mono font-semibold">‘{serviceKey}’</span> is not in the catalogue, so this incident is on Unassigned and follows the default
      escalation policy.
      {canCreate && (
        <>
          {' '}
          <Link href={`/services/new?key=${encodeURIComponent(serviceKey)}`} className="font-semibold underline">
            Create service
          </Link>
        </>
      )}
    </p>
  )
}
