'use client'

import { useState } from 'react'
import { SEVERITIES } from '@/lib/severity'
import { saveChannelAction } from '@/lib/notifications/actions'
import { CHANNEL_TYPES, CHANNEL_TYPE_LABELS, ENV_REF_PREFIX, PAGERDUTY_EU_EVENTS_URL, PAGERDUTY_EVENTS_URL, type ChannelType } from '@/lib/notifications/schema'
import type { ChannelView } from '@/lib/notifications/queries'
import { SEVERITY_META } from '@/components/ui/severity-badge'
import { CheckboxField, InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { LabelledOptions, SubmitButton } from '@/components/ui/form-parts'
import { resetOnSuccess, useFormAction } from '@/components/ui/use-form-action'

type Editable = Pick<ChannelView, 'id' | 'name' | 'type' | 'enabled' | 'minSeverity' | 'values' | 'storedSecrets'>

export interface ChannelFormProps {
  /** The channel being edited; a new channel when absent. */
  channel?: Editable
  canStoreSecrets: boolean
}

/**
 * Adds or edits a channel. Secrets are write-only: a stored one is never shown (not even masked), only that
 * it is stored; left blank it is kept, unless the destination changes, which asks for it again.
 */
export function ChannelForm({ channel, canStoreSecrets }: ChannelFormProps) {
  const [type, setType] = useState<ChannelType>(channel?.type ?? 'slack')
  // A new channel's form is cleared after it is added; an edited one keeps its values.
  const { formRef, state, pending, onSubmit, errors } = useFormAction(saveChannelAction, { onResult: channel ? undefined : resetOnSuccess })
  const v = channel?.values ?? {}
  const text = (k: keyof typeof v) => (typeof v[k] === 'string' ? (v[k] as string) : undefined)

  function secretField(name: keyof ChannelView['storedSecrets'], label: string, hint: string) {
    const stored = channel?.storedSecrets[name] === true
    return (
      <InputField
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        required={!stored}
        placeholder={stored ? 'stored — re-enter to change' : undefined}
        hint={
          stored
            ? 'Stored — re-enter to change. Left blank it is kept, unless you change where this channel sends.'
            : `${hint} Or env:${ENV_REF_PREFIX}NAME to read it from the server's environment.`
        }
        error={errors[name]}
        disabled={!canStoreSecrets}
      />
    )
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" aria-label={channel ? `Edit ${channel.name}` : 'Add a channel'}>
      {channel && <input type="hidden" name="id" value={channel.id} />}
      <div className="grid gap-4 sm:grid-cols-3">
        <InputField label="Name" name="name" required maxLength={80} defaultValue={channel?.name} error={errors.name} />
        <SelectField label="Type" name="type" required value={type} onChange={(e) => setType(e.target.value as ChannelType)} error={errors.type}>
          <LabelledOptions values={CHANNEL_TYPES} labels={CHANNEL_TYPE_LABELS} />
        </SelectField>
        <SelectField
          label="Lowest severity sent"
          name="minSeverity"
          required
          defaultValue={channel?.minSeverity ?? 'high'}
          hint="Incidents below this severity are not sent here."
          error={errors.minSeverity}
        >
          <LabelledOptions values={SEVERITIES} labels={(s) => SEVERITY_META[s].label} />
        </SelectField>
      </div>

      {type === 'email' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField label="SMTP host" name="smtpHost" required defaultValue={text('smtpHost')} error={errors.smtpHost} />
          <InputField label="SMTP port" name="smtpPort" inputMode="numeric" defaultValue={text('smtpPort') ?? '587'} error={errors.smtpPort} />
          <InputField label="SMTP user name" name="smtpUsername" autoComplete="off" defaultValue={text('smtpUsername')} hint="Leave blank if the server needs no sign-in." error={errors.smtpUsername} />
          {secretField('smtpPassword', 'SMTP password', 'Used only with a user name.')}
          <InputField label="From" name="emailFrom" type="email" required defaultValue={text('emailFrom')} error={errors.emailFrom} />
          <InputField label="To" name="emailTo" required defaultValue={text('emailTo')} hint="One or more addresses, separated by commas." error={errors.emailTo} />
          <CheckboxField label="Use TLS from the start (port 465)" name="smtpSecure" defaultChecked={v.smtpSecure === true} hint="Otherwise STARTTLS is used when the server offers it." />
        </div>
      )}
      {type === 'slack' && secretField('slackWebhookUrl', 'Incoming webhook URL', 'From Slack: Apps → Incoming Webhooks.')}
      {type === 'pagerduty' && (
        <div className="grid gap-4 sm:grid-cols-2">
          {secretField('pagerdutyRoutingKey', 'Integration (routing) key', 'From the PagerDuty service: Integrations → Events API v2.')}
          <InputField
            label="Events API URL"
            name="pagerdutyEventsUrl"
            type="url"
            defaultValue={text('pagerdutyEventsUrl') ?? PAGERDUTY_EVENTS_URL}
            hint={`PagerDuty's endpoint, or the EU one (${PAGERDUTY_EU_EVENTS_URL}). Another endpoint only an administrator can set.`}
            error={errors.pagerdutyEventsUrl}
          />
        </div>
      )}
      {type === 'webhook' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField
            label="URL"
            name="webhookUrl"
            type="url"
            required
            defaultValue={text('webhookUrl')}
            hint="Internal and private addresses are refused unless the server allow-lists them (WARDROOM_OUTBOUND_ALLOW)."
            error={errors.webhookUrl}
          />
          {secretField('webhookSigningSecret', 'Signing secret', 'At least 16 characters; the receiver checks X-Wardroom-Signature with it.')}
        </div>
      )}
      {(type === 'console' || type === 'file') && (
        <p className="text-sm text-ink-muted">
          {type === 'console'
            ? 'Each notification is written as one line to the server log.'
            : 'Each notification is appended as one JSON line to logs/alerts.log in the data directory.'}
        </p>
      )}

      <CheckboxField label="Enabled" name="enabled" defaultChecked={channel?.enabled ?? true} hint="A disabled channel receives nothing, except test messages." />
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        {channel ? 'Save channel' : 'Add channel'}
      </SubmitButton>
    </form>
  )
}
