'use client'

import { useState } from 'react'
import { applyChangeRequestAction, approveChangeRequestAction, rejectChangeRequestAction, withdrawChangeRequestAction } from '@/lib/flags/actions'
import type { FormState } from '@/lib/auth/guard'
import { Button } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { FormMessage } from '@/components/ui/form-message'

export interface ChangeRequestActionsProps {
  id: string
  /** Shown in labels so each button says which request it acts on. */
  summary: string
  /** Someone else's request, written by neither the viewer nor edited by them (4-eyes). */
  canApprove: boolean
  /** Approvers may reject a request they may not approve (e.g. one they edited); the requester withdraws instead. */
  canReject: boolean
  /** Approved by someone other than the viewer. */
  canApply: boolean
  /** The requester may withdraw their own open request. */
  canWithdraw: boolean
}

/**
 * Approve / Reject (someone else's request) and Apply (once approved by someone else); the outcome shows
 * beside them, and a refusal (403/409 from the server, which checks every rule again) says why in words.
 */
export function ChangeRequestActions({ id, summary, canApprove, canReject, canApply, canWithdraw }: ChangeRequestActionsProps) {
  const [state, setState] = useState<FormState<unknown> | null>(null)
  const [pending, setPending] = useState<'approve' | 'apply' | null>(null)

  async function run(kind: 'approve' | 'apply') {
    setPending(kind)
    try {
      setState(await (kind === 'approve' ? approveChangeRequestAction({ id }) : applyChangeRequestAction({ id })))
    } finally {
      setPending(null)
    }
  }

  async function reject() {
    const r = await rejectChangeRequestAction({ id })
    if (r.ok) setState(r)
    return r
  }

  async function withdraw() {
    const r = await withdrawChangeRequestAction({ id })
    if (r.ok) setState(r)
    return r
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {canApprove && (
          <Button size="sm" variant="primary" loading={pending === 'approve'} onClick={() => run('approve')} aria-label={`Approve: ${summary}`}>
            Approve
          </Button>
        )}
        {canReject && (
          <ConfirmButton
            size="sm"
            variant="secondary"
            title="Reject this change request?"
            description={`${summary}. Nothing is changed; the requester can propose it again.`}
            confirmLabel="Reject"
            confirmAction={reject}
          >
            Reject<span className="sr-only">: {summary}</span>
          </ConfirmButton>
        )}
        {canWithdraw && (
          <ConfirmButton
            size="sm"
            variant="ghost"
            title="Withdraw your change request?"
            description={`${summary}. Nothing is changed; it stays in the history as withdrawn.`}
            confirmLabel="Withdraw"
            confirmAction={withdraw}
          >
            Withdraw<span className="sr-only">: {summary}</span>
          </ConfirmButton>
        )}
        {canApply && (
          <Button size="sm" variant="primary" loading={pending === 'apply'} onClick={() => run('apply')} aria-label={`Apply: ${summary}`}>
            Apply
          </Button>
        )}
      </div>
      <FormMessage state={state} />
    </div>
  )
}
