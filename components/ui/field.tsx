import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { cn } from '@/lib/cn'
import { Icon } from './icons'

interface FieldOwnProps {
  label: ReactNode
  /** Help shown under the control, linked by aria-describedby. */
  hint?: ReactNode
  /** One message, or a form-state `fieldErrors[name]` array; sets aria-invalid and is linked by aria-describedby. */
  error?: string | readonly string[]
  /** Classes for the wrapper (layout); the control itself keeps the system's look. */
  className?: string
}

/** Shared look of text inputs, selects and textareas, for a control built by hand. */
export const controlClasses = cn(
  'block w-full rounded-md border border-line-input bg-surface px-3 text-sm text-ink shadow-xs placeholder:text-ink-faint',
  'focus-visible:border-focus focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-focus',
  'aria-invalid:border-critical disabled:cursor-not-allowed disabled:bg-surface-muted disabled:text-ink-faint',
)

function messages(error: FieldOwnProps['error']): readonly string[] {
  if (error === undefined) return []
  return typeof error === 'string' ? [error] : error
}

/** Ids and ARIA for one control: its own id, and describedby pointing at the hint and the error. */
function useFieldAria(id: string | undefined, hint: ReactNode, error: FieldOwnProps['error'], describedBy: string | undefined) {
  const generated = useId()
  const controlId = id ?? generated
  const errors = messages(error)
  const hintId = hint ? `${controlId}-hint` : undefined
  const errorId = errors.length > 0 ? `${controlId}-error` : undefined
  return {
    controlId,
    hintId,
    errorId,
    errors,
    aria: {
      id: controlId,
      'aria-invalid': errorId ? true : undefined,
      'aria-describedby': cn(describedBy, hintId, errorId) || undefined,
    },
  }
}

function FieldError({ id, errors }: { id: string | undefined; errors: readonly string[] }) {
  if (!id) return null
  return (
    <p id={id} className="flex items-start gap-1 text-xs font-medium text-critical-fg">
      <Icon name="alert-circle" size={14} className="mt-px" />
      <span>
        {errors.map((message) => (
          <span key={message} className="block">
            {message}
          </span>
        ))}
      </span>
    </p>
  )
}

interface ShellProps {
  controlId: string
  label: ReactNode
  hint: ReactNode
  hintId: string | undefined
  errors: readonly string[]
  errorId: string | undefined
  required: boolean | undefined
  className: string | undefined
  children: ReactNode
}

function FieldShell({ controlId, label, hint, hintId, errors, errorId, required, className, children }: ShellProps) {
  return (
    <div className={cn('space-y-1', className)}>
      <label htmlFor={controlId} className="block text-sm font-medium text-ink">
        {label}
        {/* The `required` attribute already tells assistive technology; this is for sighted people. */}
        {required && (
          <span aria-hidden="true" className="font-normal text-ink-faint">
            {' '}
            (required)
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p id={hintId} className="text-xs text-ink-muted">
          {hint}
        </p>
      )}
      <FieldError id={errorId} errors={errors} />
    </div>
  )
}

export type InputFieldProps = FieldOwnProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>

export function InputField({ label, hint, error, className, id, 'aria-describedby': describedBy, ...rest }: InputFieldProps) {
  const { aria, ...shell } = useFieldAria(id, hint, error, describedBy)
  return (
    <FieldShell {...shell} label={label} hint={hint} required={rest.required} className={className}>
      <input className={cn(controlClasses, 'h-9')} {...aria} {...rest} />
    </FieldShell>
  )
}

export type SelectFieldProps = FieldOwnProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'>

/** Pass `<option>`s as children. */
export function SelectField({ label, hint, error, className, id, 'aria-describedby': describedBy, children, ...rest }: SelectFieldProps) {
  const { aria, ...shell } = useFieldAria(id, hint, error, describedBy)
  return (
    <FieldShell {...shell} label={label} hint={hint} required={rest.required} className={className}>
      <select className={cn(controlClasses, 'h-9 pr-8')} {...aria} {...rest}>
        {children}
      </select>
    </FieldShell>
  )
}

export type TextareaFieldProps = FieldOwnProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'>

export function TextareaField({ label, hint, error, className, id, 'aria-describedby': describedBy, rows = 4, ...rest }: TextareaFieldProps) {
  const { aria, ...shell } = useFieldAria(id, hint, error, describedBy)
  return (
    <FieldShell {...shell} label={label} hint={hint} required={rest.required} className={className}>
      <textarea rows={rows} className={cn(controlClasses, 'py-2')} {...aria} {...rest} />
    </FieldShell>
  )
}

export type CheckboxFieldProps = FieldOwnProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'type'>

/** A checkbox with its label beside it; hint and error sit underneath, aligned with the label. */
export function CheckboxField({ label, hint, error, className, id, 'aria-describedby': describedBy, ...rest }: CheckboxFieldProps) {
  const { aria, ...shell } = useFieldAria(id, hint, error, describedBy)
  return (
    <div className={cn('flex items-start gap-2', className)}>
      <input type="checkbox" className="mt-0.5 size-4 shrink-0 rounded border-line-input accent-accent" {...aria} {...rest} />
      <div className="min-w-0 space-y-1">
        <label htmlFor={shell.controlId} className="block text-sm font-medium text-ink">
          {label}
        </label>
        {hint && (
          <p id={shell.hintId} className="text-xs text-ink-muted">
            {hint}
          </p>
        )}
        <FieldError id={shell.errorId} errors={shell.errors} />
      </div>
    </div>
  )
}
