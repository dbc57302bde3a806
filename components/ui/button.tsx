import Link from 'next/link'
import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'
import { Icon } from './icons'

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost'
export type ButtonSize = 'sm' | 'md'

const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'bg-accent text-white hover:bg-accent-hover',
  secondary: 'bg-surface text-ink ring-1 ring-inset ring-line-input hover:bg-surface-muted',
  danger: 'bg-critical text-white hover:bg-critical-fg',
  ghost: 'text-ink-muted hover:bg-surface-muted hover:text-ink',
}

const SIZES: Record<ButtonSize, string> = {
  sm: 'h-8 gap-1.5 px-2.5 text-sm',
  md: 'h-9 gap-2 px-3.5 text-sm',
}

/** The classes of a button, for the rare element that must look like one (e.g. a `<summary>`). */
export function buttonClasses(variant: ButtonVariant = 'secondary', size: ButtonSize = 'md', className?: string): string {
  return cn(
    'inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors',
    'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus',
    'disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60',
    VARIANTS[variant],
    SIZES[size],
    className,
  )
}

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: ButtonVariant
  size?: ButtonSize
  /** Shows a spinner, disables the button and announces it as busy; the label stays so the width holds. */
  loading?: boolean
}

/** A `<button>`, `type="button"` unless told otherwise so it never submits a form by accident. */
export function Button({ variant = 'secondary', size = 'md', loading = false, disabled, type = 'button', className, children, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClasses(variant, size, className)}
      {...rest}
    >
      {loading && <Icon name="spinner" />}
      {children}
    </button>
  )
}

export type ButtonLinkProps = ComponentProps<typeof Link> & {
  variant?: ButtonVariant
  size?: ButtonSize
}

/** A navigation that looks like a button: a real link (next/link), so it opens in a new tab and reads as a link. */
export function ButtonLink({ variant = 'secondary', size = 'md', className, ...rest }: ButtonLinkProps) {
  return <Link className={buttonClasses(variant, size, className)} {...rest} />
}
