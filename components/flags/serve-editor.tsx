'use client'

import { useId } from 'react'
import type { ServeDraft } from '@/lib/flags/rule-editor'
import type { Variant } from '@/lib/flags/schema'
import { controlClasses } from '@/components/ui/field'
import { Icon } from '@/components/ui/icons'
import { cn } from '@/lib/cn'

export interface ServeEditorProps {
  /** Who is served, for labels: "rule 2", "the default rule". */
  subject: string
  value: ServeDraft
  variants: readonly Variant[]
  onChange: (next: ServeDraft) => void
  /** Messages for `<path>.variant` and `<path>.weights`. */
  errors: readonly string[]
  disabled?: boolean
}

/** What a rule serves: one variant, or a percentage split across variants (sticky per targeting key). */
export function ServeEditor({ subject, value, variants, onChange, errors, disabled }: ServeEditorProps) {
  const id = useId()
  const total = Object.entries(value.weights)
    .filter(([k]) => variants.some((v) => v.key === k))
    .reduce((s, [, w]) => s + (Number(w) || 0), 0)
  const errorId = errors.length ? `${id}-error` : undefined
  return (
    <fieldset className="space-y-2" aria-describedby={errorId} disabled={disabled}>
      <legend className="text-sm font-medium text-ink">Serve ({subject})</legend>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="inline-flex items-center gap-1.5">
          <input type="radio" name={`${id}-mode`} checked={value.mode === 'variant'} onChange={() => onChange({ ...value, mode: 'variant' })} className="accent-accent" />
          One variant
        </label>
        <label className="inline-flex items-center gap-1.5">
          <input type="radio" name={`${id}-mode`} checked={value.mode === 'split'} onChange={() => onChange({ ...value, mode: 'split' })} className="accent-accent" />
          Percentage split
        </label>
      </div>
      {value.mode === 'variant' ? (
        <div className="max-w-xs space-y-1">
          <label htmlFor={`${id}-variant`} className="block text-sm text-ink-muted">
            Variant served by {subject}
          </label>
          <select
            id={`${id}-variant`}
            value={value.variant}
            aria-invalid={errors.length ? true : undefined}
            onChange={(e) => onChange({ ...value, variant: e.target.value })}
            className={cn(controlClasses, 'h-9 pr-8')}
          >
            {variants.map((v) => (
              <option key={v.key} value={v.key}>
                {v.key}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <div className="space-y-1">
          <div className="flex flex-wrap gap-3">
            {variants.map((v) => (
              <div key={v.key} className="w-28 space-y-1">
                <label htmlFor={`${id}-w-${v.key}`} className="block text-sm text-ink-muted">
                  <span className="sr-only">Share of </span>
                  {v.key}
                  <span className="sr-only"> for {subject}</span> (%)
                </label>
                <input
                  id={`${id}-w-${v.key}`}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={100}
                  step="any"
                  value={value.weights[v.key] ?? '0'}
                  aria-invalid={errors.length ? true : undefined}
                  onChange={(e) => onChange({ ...value, weights: { ...value.weights, [v.key]: e.target.value } })}
                  className={cn(controlClasses, 'h-9 tabular-nums')}
                />
              </div>
            ))}
          </div>
          <p className={cn('text-xs tabular-nums', Math.abs(total - 100) < 1e-6 ? 'text-ink-muted' : 'text-at-risk-fg')}>
            Total {Math.round(total * 100) / 100}% of 100%. Each targeting key keeps its bucket, so raising a share keeps everyone already in.
          </p>
        </div>
      )}
      {errorId && (
        <p id={errorId} className="flex items-start gap-1 text-xs font-medium text-critical-fg">
          <Icon name="alert-circle" size={14} className="mt-px" />
          <span>{errors.join(' ')}</span>
        </p>
      )}
    </fieldset>
  )
}
