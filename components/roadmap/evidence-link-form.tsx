'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState, type FormEvent } from 'react'
import { linkEvidenceAction, unlinkEvidenceAction } from '@/lib/roadmap/evidence-actions'
import { LINK_KIND_LABELS, LINK_KINDS, type LinkKind } from '@/lib/roadmap/evidence-schema'
import { Button } from '@/components/ui/button'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { LabelledOptions, NamedOptions, SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

const REF_HINTS: Record<LinkKind, string> = {
  feedback: 'Its number, e.g. FB-12',
  insight: 'A drop-off found under Analytics → Insights',
  competitor_threat: 'The capability’s key or name, e.g. ambient_documentation',
  incident: 'Its number, e.g. INC-4',
}

/** Links evidence to the item by the name people use for it: FB-12, INC-4, a capability. */
export function EvidenceLinkForm({ itemId, insightChoices }: { itemId: string; insightChoices: readonly { id: string; name: string }[] }) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [kind, setKind] = useState<LinkKind>('feedback')
  const [ref, setRef] = useState('')
  const { state, pending, run, errors } = useActionForm(linkEvidenceAction)
  useFocusFirstInvalid(formRef, state)
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run({ itemId, kind, ref }, () => {
      setRef('')
      router.refresh()
    })
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Link evidence" className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label="Kind of evidence"
          name="kind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as LinkKind)
            setRef('')
          }}
          error={errors.kind}
        >
          <LabelledOptions values={LINK_KINDS} labels={LINK_KIND_LABELS} />
        </SelectField>
        {kind === 'insight' ? (
          <SelectField label="Evidence to link" name="ref" value={ref} onChange={(e) => setRef(e.target.value)} required hint={insightChoices.length === 0 ? 'No insight to link: none is open or turned into a task.' : REF_HINTS.insight} error={errors.ref} className="min-w-72">
            <NamedOptions items={insightChoices} placeholder="Choose an insight" />
          </SelectField>
        ) : (
          <InputField label="Evidence to link" name="ref" value={ref} onChange={(e) => setRef(e.target.value)} required hint={REF_HINTS[kind]} error={errors.ref} className="min-w-56" />
        )}
        <SubmitButton pending={pending} pendingLabel="Linking…">
          Link evidence
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  )
}

/** Removes one link; the evidence is applied again without it. */
export function UnlinkButton({ itemId, kind, targetId, label }: { itemId: string; kind: LinkKind; targetId: string; label: string }) {
  const router = useRouter()
  const { state, pending, run } = useActionForm(unlinkEvidenceAction)
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button size="sm" variant="ghost" loading={pending} onClick={() => run({ itemId, kind, targetId }, () => router.refresh())} aria-label={`Unlink ${label}`}>
        Unlink
      </Button>
      {state && !state.ok && <FormMessage state={state} />}
    </span>
  )
}
