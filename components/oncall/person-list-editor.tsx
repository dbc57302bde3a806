'use client'

import { useId, useState } from 'react'
import { Button } from '@/components/ui/button'
import { controlClasses } from '@/components/ui/field'
import { Icon } from '@/components/ui/icons'
import { cn } from '@/lib/cn'

export interface PersonOption {
  id: string
  name: string
  email: string
}

export interface PersonListEditorProps {
  label: string
  people: readonly PersonOption[]
  value: readonly string[]
  onChange: (ids: string[]) => void
  errors?: readonly string[]
  /** Names for ids not in `people` (e.g. disabled members already in a rotation). */
  fallbackName?: (id: string) => string
}

/** An ordered list of people: add from a select, move up or down, remove. Order is rotation order. */
export function PersonListEditor({ label, people, value, onChange, errors = [], fallbackName }: PersonListEditorProps) {
  const [pick, setPick] = useState('')
  const selectId = useId()
  const errorId = useId()
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? fallbackName?.(id) ?? 'unknown person'
  const available = people.filter((p) => !value.includes(p.id))

  function move(index: number, by: -1 | 1) {
    const next = [...value]
    const [item] = next.splice(index, 1)
    if (item === undefined) return
    next.splice(index + by, 0, item)
    onChange(next)
  }

  return (
    <fieldset className="space-y-2" aria-describedby={errors.length ? errorId : undefined}>
      <legend className="text-sm font-medium text-ink">{label}</legend>
      {value.length === 0 ? (
        <p className="text-sm text-ink-muted">Nobody yet. Add people in the order they take turns.</p>
      ) : (
        <ol className="divide-y divide-line rounded-md border border-line">
          {value.map((id, i) => (
            <li key={id} className="flex items-center gap-2 px-3 py-1.5 text-sm">
              <span className="w-6 text-ink-muted tabular-nums">{i + 1}.</span>
              <span className="min-w-0 flex-1 truncate">{nameOf(id)}</span>
              <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${nameOf(id)} up`}>
                <Icon name="arrow-up" size={14} />
              </Button>
              <Button size="sm" variant="ghost" disabled={i === value.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${nameOf(id)} down`}>
                <Icon name="arrow-down" size={14} />
              </Button>
              <Button size="sm" variant="ghost" onClick={() => onChange(value.filter((v) => v !== id))} aria-label={`Remove ${nameOf(id)}`}>
                <Icon name="x" size={14} />
              </Button>
            </li>
          ))}
        </ol>
      )}
      <div className="flex gap-2">
        <label htmlFor={selectId} className="sr-only">
          Person to add
        </label>
        <select id={selectId} value={pick} onChange={(e) => setPick(e.target.value)} className={cn(controlClasses, 'h-9 pr-8')}>
          <option value="">Choose a person…</option>
          {available.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.email})
            </option>
          ))}
        </select>
        <Button
          disabled={!pick}
          onClick={() => {
            onChange([...value, pick])
            setPick('')
          }}
        >
          Add
        </Button>
      </div>
      {errors.length > 0 && (
        <p id={errorId} className="text-xs font-medium text-critical-fg">
          {errors.join(' ')}
        </p>
      )}
    </fieldset>
  )
}
