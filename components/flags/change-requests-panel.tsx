import Link from 'next/link'
import type { ChangeRequestView } from '@/lib/flags/queries'
import { RelativeTime } from '@/components/ui/relative-time'
import { ChangeRequestStatusBadge } from './flag-badges'
import { ChangeRequestActions } from './change-request-actions'
import { environmentLabel } from './labels'
import { approveRefusal } from '@/lib/flags/four-eyes'
import { changePermission } from '@/lib/flags/schema'

export interface ChangeRequestsPanelProps {
  flagKey: string
  requests: readonly ChangeRequestView[]
  viewerId: string
  canApprove: boolean
  canEdit: boolean
  /** flag:emergency: may withdraw and apply kill-switch requests (schema.ts changePermission). */
  canEmergency?: boolean
}

const OPEN = new Set(['pending', 'approved'])

function Who({ request }: { request: ChangeRequestView }) {
  return (
    <p className="text-xs text-ink-muted">
      {environmentLabel(request.environment)} · requested by {request.requestedBy?.name ?? 'someone no longer here'} <RelativeTime date={request.createdAt} />
      {request.approvedBy && (
        <>
          {' '}
          · approved by {request.approvedBy.name}
          {request.approvedAt && (
            <>
              {' '}
              <RelativeTime date={request.approvedAt} />
            </>
          )}
        </>
      )}
      {request.appliedAt && (
        <>
          {' '}
          · applied <RelativeTime date={request.appliedAt} />
        </>
      )}
    </p>
  )
}

/** Why the viewer is not offered Approve or Apply on an open request, in a sentence (null: nothing withheld). */
export function fourEyesNote(r: ChangeRequestView, viewerId: string, canApprove: boolean, canEdit: boolean): string | null {
  const authors = { requestedById: r.requestedBy?.id ?? '', editorIds: r.editorIds }
  if (r.status === 'pending') {
    const refusal = approveRefusal(authors, viewerId)
    if (refusal === 'requester') return 'Waiting for approval by a second person: you cannot approve your own change.'
    if (refusal === 'editor' && canApprove) return 'Waiting for approval by someone else: you edited this request, so you cannot approve it.'
    return null
  }
  if (r.status === 'approved' && canEdit && r.approvedBy?.id === viewerId) {
    return 'You approved this change, so someone else applies it: the requester or a third person (4-eyes).'
  }
  return null
}

/**
 * Open requests first: someone else's can be approved or rejected by a second person (4-eyes), never by
 * its requester or anyone who edited it; one's own waits and can be edited (which voids an approval); an
 * approved one can be applied by anyone with flag:edit but its approver. Then the history.
 */
export function ChangeRequestsPanel({ flagKey, requests, viewerId, canApprove, canEdit, canEmergency = canEdit }: ChangeRequestsPanelProps) {
  const open = requests.filter((r) => OPEN.has(r.status))
  const past = requests.filter((r) => !OPEN.has(r.status))
  return (
    <div className="space-y-4">
      {open.length === 0 ? (
        <p className="text-sm text-ink-muted">No change waits for approval.</p>
      ) : (
        <ul className="space-y-3" aria-label="Open change requests">
          {open.map((r) => {
            const mine = r.requestedBy?.id === viewerId
            const authored = approveRefusal({ requestedById: r.requestedBy?.id ?? '', editorIds: r.editorIds }, viewerId) !== null
            // The permission of this change: flag:edit, or flag:emergency for the kill switch.
            const canHandle = changePermission(r.payload.kind) === 'flag:emergency' ? canEmergency : canEdit
            const note = fourEyesNote(r, viewerId, canApprove, canHandle)
            return (
              <li key={r.id} className="space-y-2 rounded-md border border-line p-3">
                <div className="flex flex-wrap items-center gap-2">
                  <ChangeRequestStatusBadge status={r.status} />
                  <p className="text-sm font-medium text-ink">{r.summary}</p>
                </div>
                <Who request={r} />
                {r.reason && <p className="text-sm text-ink-muted">“{r.reason}”</p>}
                {note && <p className="text-sm text-ink-muted">{note}</p>}
                <ChangeRequestActions
                  id={r.id}
                  summary={r.summary}
                  canApprove={canApprove && !authored && r.status === 'pending'}
                  canReject={canApprove && !mine && r.status === 'pending'}
                  canApply={canHandle && r.status === 'approved' && !!r.approvedBy && r.approvedBy.id !== viewerId}
                  canWithdraw={canHandle && mine}
                />
                {canEdit && mine && r.payload.kind === 'environment' && (
                  <Link href={`/flags/${encodeURIComponent(flagKey)}?env=${r.environment}&cr=${r.id}#targeting`} className="text-sm text-accent-fg hover:underline">
                    Edit this request{r.status === 'approved' ? ' (voids the approval)' : ''}
                  </Link>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {past.length > 0 && (
        <details>
          <summary className="cursor-pointer text-sm text-ink-muted hover:text-ink">Past requests ({past.length})</summary>
          <ul className="mt-2 divide-y divide-line" aria-label="Past change requests">
            {past.map((r) => (
              <li key={r.id} className="space-y-1 py-2">
                <div className="flex flex-wrap items-center gap-2">
                  <ChangeRequestStatusBadge status={r.status} />
                  <p className="text-sm text-ink">{r.summary}</p>
                </div>
                <Who request={r} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
