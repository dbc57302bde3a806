import type { ReactNode } from 'react'
import { Button, type ButtonSize, type ButtonVariant } from './button'

export interface LabelledOptionsProps<V extends string> {
  values: readonly V[]
  labels: Readonly<Record<V, string>> | ((value: V) => string)
  /** A first option with the empty value, e.g. "Any category" in a filter. */
  blank?: string
}

/** The `<option>`s of a choice whose values have labels, in the order of `values`. */
export function LabelledOptions<V extends string>({ values, labels, blank }: LabelledOptionsProps<V>) {
  return (
    <>
      {blank !== undefined && <option value="">{blank}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {typeof labels === 'function' ? labels(v) : labels[v]}
        </option>
      ))}
    </>
  )
}

/** The `<option>`s of records chosen by id and shown by name, after a disabled placeholder when one is given. */
export function NamedOptions({ items, placeholder }: { items: readonly { id: string; name: string }[]; placeholder?: string }) {
  return (
    <>
      {placeholder !== undefined && (
        <option value="" disabled>
          {placeholder}
        </option>
      )}
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
    </>
  )
}

/** A form's submit button; while the action runs it shows the spinner and, when given, the `pendingLabel`. */
export interface SubmitButtonProps {
  pending: boolean
  pendingLabel?: string
  variant?: ButtonVariant
  size?: ButtonSize
  disabled?: boolean
  children: ReactNode
}

export function SubmitButton({ pending, pendingLabel, variant = 'primary', size, disabled, children }: SubmitButtonProps) {
  return (
    <Button type="submit" variant={variant} size={size} loading={pending} disabled={disabled}>
      {pending && pendingLabel !== undefined ? pendingLabel : children}
    </Button>
  )
}
