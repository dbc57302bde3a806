'use client'

import { useState, type FormEvent } from 'react'
import { editChangeRequestAction, updateEnvironmentAction } from '@/lib/flags/actions'
import {
  configToDraft,
  draftToConfig,
  moveRule,
  newCondition,
  newRule,
  OPERATOR_LABELS,
  type ConditionDraft,
  type ConfigDraft,
  type DraftErrors,
  type RuleDraft,
} from '@/lib/flags/rule-editor'
import { KNOWN_ATTRIBUTES, OPERATORS, type Environment, type EnvironmentConfig, type Operator, type Variant } from '@/lib/flags/schema'
import { cn } from '@/lib/cn'
import { Button, ButtonLink } from '@/components/ui/button'
import { CheckboxField, controlClasses, SelectField } from '@/components/ui/field'
import { Icon } from '@/components/ui/icons'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { errorsUnder, useActionForm } from '@/components/ui/use-action-form'
import { environmentLabel } from './labels'
import { ServeEditor } from './serve-editor'

export interface TargetingEditorProps {
  flagKey: string
  environment: Environment
  variants: readonly Variant[]
  config: EnvironmentConfig
  /** Set when editing a change request's proposal instead of the live configuration. */
  changeRequest?: { id: string; approved: boolean }
  /** Read-only for people without flag:edit. */
  canEdit: boolean
}

function Problem({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null
  return (
    <p className="flex items-start gap-1 text-xs font-medium text-critical-fg">
      <Icon name="alert-circle" size={14} className="mt-px" />
      <span>{messages.join(' ')}</span>
    </p>
  )
}

function ConditionRow({
  label,
  value,
  onChange,
  onRemove,
  errors,
}: {
  label: string
  value: ConditionDraft
  onChange: (c: ConditionDraft) => void
  onRemove: () => void
  errors: readonly string[]
}) {
  return (
    <li className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <input
          aria-label={`${label}: attribute`}
          list="targeting-attributes"
          value={value.attribute}
          onChange={(e) => onChange({ ...value, attribute: e.target.value })}
          placeholder="attribute"
          spellCheck={false}
          className={cn(controlClasses, 'h-8 w-40 font-mono text-[13px]')}
        />
        <select
          aria-label={`${label}: operator`}
          value={value.operator}
          onChange={(e) => onChange({ ...value, operator: e.target.value as Operator })}
          className={cn(controlClasses, 'h-8 w-40 pr-8')}
        >
          {OPERATORS.map((o) => (
            <option key={o} value={o}>
              {OPERATOR_LABELS[o]}
            </option>
          ))}
        </select>
        <input
          aria-label={`${label}: values, comma-separated`}
          value={value.values}
          onChange={(e) => onChange({ ...value, values: e.target.value })}
          placeholder="emergency, icu"
          aria-invalid={errors.length ? true : undefined}
          className={cn(controlClasses, 'h-8 min-w-48 flex-1')}
        />
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove ${label}`}>
          <Icon name="x" />
        </Button>
      </div>
      <Problem messages={errors} />
    </li>
  )
}

function RuleCard({
  index,
  count,
  rule,
  variants,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  index: number
  count: number
  rule: RuleDraft
  variants: readonly Variant[]
  errors: DraftErrors
  onChange: (r: RuleDraft) => void
  onMove: (delta: -1 | 1) => void
  onRemove: () => void
}) {
  const n = index + 1
  const at = `rules.${index}`
  const setCondition = (j: number, c: ConditionDraft) => onChange({ ...rule, conditions: rule.conditions.map((x, k) => (k === j ? c : x)) })
  return (
    <li className="space-y-3 rounded-md border border-line p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className="text-sm font-semibold text-ink">Rule {n}</h4>
        <div className="flex gap-1">
          <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move rule ${n} up`}>
            <Icon name="arrow-up" />
          </Button>
          <Button size="sm" variant="ghost" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move rule ${n} down`}>
            <Icon name="arrow-down" />
          </Button>
          <Button size="sm" variant="ghost" onClick={onRemove}>
            Remove<span className="sr-only"> rule {n}</span>
          </Button>
        </div>
      </div>
      <input
        aria-label={`Rule ${n}: name`}
        value={rule.name}
        maxLength={100}
        placeholder="Name (optional), e.g. ED pilot"
        onChange={(e) => onChange({ ...rule, name: e.target.value })}
        className={cn(controlClasses, 'h-8 max-w-sm')}
      />
      <div className="space-y-2">
        <p className="text-sm text-ink-muted">When all of these match:</p>
        <ul className="space-y-2">
          {rule.conditions.map((c, j) => (
            <ConditionRow
              key={j}
              label={`Rule ${n}, condition ${j + 1}`}
              value={c}
              onChange={(next) => setCondition(j, next)}
              onRemove={() => onChange({ ...rule, conditions: rule.conditions.filter((_, k) => k !== j) })}
              errors={errorsUnder(errors, `${at}.conditions.${j}`)}
            />
          ))}
        </ul>
        <Problem messages={errors[`${at}.conditions`] ?? []} />
        <Button size="sm" onClick={() => onChange({ ...rule, conditions: [...rule.conditions, newCondition()] })}>
          Add condition<span className="sr-only"> to rule {n}</span>
        </Button>
      </div>
      <ServeEditor subject={`rule ${n}`} value={rule.serve} variants={variants} onChange={(serve) => onChange({ ...rule, serve })} errors={errorsUnder(errors, `${at}.serve`)} />
    </li>
  )
}

/** Server errors arrive under `config.` (or `payload.config.`); the editor's keys have no prefix. */
function withoutPrefix(errors: Record<string, string[]>): DraftErrors {
  const out: DraftErrors = {}
  for (const [k, v] of Object.entries(errors)) out[k.replace(/^(payload\.)?config\./, '')] = v
  return out
}

/**
 * Ordered targeting rules (first match wins), then the default rule, for one environment. Validated here
 * for quick feedback and again on the server, which also enforces the compliance gates and 4-eyes.
 */
export function TargetingEditor({ flagKey, environment, variants, config, changeRequest, canEdit }: TargetingEditorProps) {
  const [draft, setDraft] = useState<ConfigDraft>(() => configToDraft(config, variants))
  const [localErrors, setLocalErrors] = useState<DraftErrors>({})
  const save = useActionForm(updateEnvironmentAction)
  const edit = useActionForm(editChangeRequestAction)
  const active = changeRequest ? edit : save
  const errors: DraftErrors = { ...withoutPrefix(active.errors), ...localErrors }
  const env = environmentLabel(environment)

  const setRule = (i: number, r: RuleDraft) => setDraft((d) => ({ ...d, rules: d.rules.map((x, k) => (k === i ? r : x)) }))

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const result = draftToConfig(draft, variants)
    if (!result.ok) {
      setLocalErrors(result.errors)
      return
    }
    setLocalErrors({})
    if (changeRequest) edit.run({ id: changeRequest.id, payload: { kind: 'environment', config: result.config } })
    else save.run({ flagKey, environment, config: result.config })
  }

  return (
    <form onSubmit={onSubmit} aria-label={`Targeting in ${env}`} className="space-y-5">
      <datalist id="targeting-attributes">
        {KNOWN_ATTRIBUTES.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      {changeRequest && (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-medium-border bg-medium-bg px-3 py-2 text-sm text-medium-fg">
          <span>
            Editing the proposal of a change request, not the live configuration.
            {changeRequest.approved && ' Saving voids its approval: it needs approving again.'}
          </span>
          <ButtonLink href={`/flags/${encodeURIComponent(flagKey)}?env=${environment}`} size="sm" variant="ghost">
            Stop editing
          </ButtonLink>
        </div>
      )}
      <fieldset disabled={!canEdit} className="space-y-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <CheckboxField
            label={`Enabled in ${env}`}
            hint="Off serves the off variant to everyone, like the kill switch, but through the normal change flow."
            checked={draft.enabled}
            onChange={(e) => setDraft((d) => ({ ...d, enabled: e.target.checked }))}
          />
          <SelectField
            label="Off variant"
            hint="Served when the flag is off or killed."
            value={draft.offVariant}
            onChange={(e) => setDraft((d) => ({ ...d, offVariant: e.target.value }))}
            error={errors.offVariant}
          >
            {variants.map((v) => (
              <option key={v.key} value={v.key}>
                {v.key}
              </option>
            ))}
          </SelectField>
        </div>

        <section aria-labelledby={`rules-${environment}`} className="space-y-3">
          <h3 id={`rules-${environment}`} className="text-sm font-semibold text-ink">
            Targeting rules <span className="font-normal text-ink-muted">(in order; the first that matches serves)</span>
          </h3>
          {draft.rules.length === 0 ? (
            <p className="text-sm text-ink-muted">No rules: everyone gets what the default rule serves.</p>
          ) : (
            <ol className="space-y-3">
              {draft.rules.map((r, i) => (
                <RuleCard
                  key={r.id}
                  index={i}
                  count={draft.rules.length}
                  rule={r}
                  variants={variants}
                  errors={errors}
                  onChange={(next) => setRule(i, next)}
                  onMove={(delta) => setDraft((d) => ({ ...d, rules: moveRule(d.rules, i, delta) }))}
                  onRemove={() => setDraft((d) => ({ ...d, rules: d.rules.filter((_, k) => k !== i) }))}
                />
              ))}
            </ol>
          )}
          <Button size="sm" onClick={() => setDraft((d) => ({ ...d, rules: [...d.rules, newRule(variants)] }))}>
            Add rule
          </Button>
        </section>

        <section aria-labelledby={`default-${environment}`} className="space-y-2 rounded-md border border-line bg-surface-muted/50 p-3">
          <h3 id={`default-${environment}`} className="text-sm font-semibold text-ink">
            Default rule <span className="font-normal text-ink-muted">(everyone no rule matched)</span>
          </h3>
          <ServeEditor
            subject="the default rule"
            value={draft.defaultServe}
            variants={variants}
            onChange={(defaultServe) => setDraft((d) => ({ ...d, defaultServe }))}
            errors={errorsUnder(errors, 'defaultServe')}
          />
        </section>
      </fieldset>

      {Object.keys(localErrors).length > 0 && (
        <p role="alert" className="text-sm text-critical-fg">
          Please correct the highlighted rules before saving.
        </p>
      )}
      <FormMessage state={active.state} />
      {canEdit && (
        <SubmitButton pending={active.pending}>
          {changeRequest ? 'Save the change request' : `Save ${env.toLowerCase()} configuration`}
        </SubmitButton>
      )}
    </form>
  )
}
