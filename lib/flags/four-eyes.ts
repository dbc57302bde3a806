/**
 * 4-eyes, pure part: who may approve a change request and who may apply it. A request's authors are its
 * requester and everyone who edited it; none of them may approve it (the approval must come from someone
 * who did not write the change). Applying needs that approval, of exactly the payload approved, by someone
 * other than the person applying: the requester may apply, the approver may not, so at least two people
 * always take part and the one who applies never counts as the approver. The commands enforce these
 * rules in the write transaction (lib/flags/commands/change-requests.ts); the pages use them only to
 * decide which buttons to offer.
 */

/** The people behind a request's content: its requester and everyone who edited it. */
export interface RequestAuthors {
  requestedById: string
  editorIds: readonly string[]
}

/** Why this person may not approve the request (they wrote it), or null when they may. */
export function approveRefusal(cr: RequestAuthors, userId: string): 'requester' | 'editor' | null {
  if (cr.requestedById === userId) return 'requester'
  if (cr.editorIds.includes(userId)) return 'editor'
  return null
}

export type ApplyRefusal =
  /** No approval at all (pending) — or the request is not open. */
  | 'not_approved'
  /** The payload differs from the one approved. */
  | 'approval_changed'
  /** The approval came from the requester or an editor (e.g. recorded before editors were tracked). */
  | 'approver_is_author'
  /** The person applying approved it themselves: the approval must be someone else's. */
  | 'approver_is_applier'

/**
 * Whether `applierId` may apply the request now: an approval (of exactly this payload) by someone who is
 * neither the requester nor an editor, nor the person applying. The requester may apply; the approver may not.
 */
export function applyRefusal(
  cr: RequestAuthors & { status: string; approvedById: string | null; approvedHash: string | null },
  currentHash: string,
  applierId: string,
): ApplyRefusal | null {
  if (cr.status !== 'approved' || !cr.approvedById || !cr.approvedHash) return 'not_approved'
  if (cr.approvedHash !== currentHash) return 'approval_changed'
  if (approveRefusal(cr, cr.approvedById)) return 'approver_is_author'
  if (cr.approvedById === applierId) return 'approver_is_applier'
  return null
}
