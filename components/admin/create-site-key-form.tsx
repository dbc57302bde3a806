'use client'

import { useState } from 'react'
import { createSiteKeyAction } from '@/lib/feedback/site-key-actions'
import { MAX_ORIGINS, SITE_KEY_NAME_MAX } from '@/lib/feedback/site-key-schema'
import { InputField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useFormAction } from '@/components/ui/use-form-action'
import { SecretReveal } from './secret-reveal'
import { SiteKeySnippet } from './site-key-snippet'

interface Created {
  name: string
  publicId: string
  secret: string
}

const SECRET_NOTE =
  "The host app's server signs its users' identity tokens with this secret (lib/feedback/README.md). Store it in the host's secret store now: you won't see it again. If it is lost, revoke the key and create a new one."

/**
 * Creates a site key for the feedback widget: a name and the origins whose pages may embed it. The new key's
 * secret (once) and its script tag appear below the form, the secret focused.
 */
export function CreateSiteKeyForm() {
  const [created, setCreated] = useState<Created | null>(null)
  const { formRef, state, pending, onSubmit, errors } = useFormAction((form) => createSiteKeyAction({ name: form.get('name'), origins: form.get('origins') }), {
    onResult: (result, form) => {
      if (!result.ok || !result.data) return
      form?.reset()
      setCreated(result.data)
    },
  })

  return (
    <div className="space-y-4">
      <form ref={formRef} onSubmit={onSubmit} className="space-y-4" aria-label="Create a site key">
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField
            label="Name"
            name="name"
            required
            maxLength={SITE_KEY_NAME_MAX}
            autoComplete="off"
            hint="The app that embeds the widget, e.g. “EHR ward view”."
            error={errors.name}
          />
          <TextareaField
            label="Allowed origins"
            name="origins"
            required
            rows={3}
            spellCheck={false}
            hint={`One per line, e.g. https://ehr.example.org or https://*.wards.example.org; at most ${MAX_ORIGINS}. Pages elsewhere cannot use the key.`}
            error={errors.origins}
          />
        </div>
        <FormMessage state={state} />
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create site key
        </SubmitButton>
      </form>
      {created && (
        <section aria-label="New site key" className="space-y-3">
          <SecretReveal
            key={created.secret}
            label={`Identity-token secret of “${created.name}”`}
            value={created.secret}
            note={SECRET_NOTE}
            focusOnShow
            onDismiss={() => setCreated(null)}
          />
          <SiteKeySnippet publicId={created.publicId} />
        </section>
      )}
    </div>
  )
}
