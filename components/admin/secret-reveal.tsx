'use client'

import { useEffect, useId, useRef, useState } from 'react'
import { Button } from '@/components/ui/button'
import { controlClasses } from '@/components/ui/field'
import { Icon } from '@/components/ui/icons'
import { cn } from '@/lib/cn'

export interface SecretRevealProps {
  /** Names the secret, e.g. "New API key for Epic bridge". */
  label: string
  value: string
  /** Why it is shown once and what to do with it. */
  note: string
  /** Scroll it into view and focus (select) it when it appears: the one thing to do next. */
  focusOnShow?: boolean
  /** Offers "I have stored it", which hides the secret. */
  onDismiss?: () => void
}

type CopyState = 'idle' | 'copied' | 'manual'

/**
 * A secret shown once: a read-only field (selected on focus), a copy button, and the warning that it will
 * not be shown again. Hospital intranets often serve plain http, where the clipboard API is missing; then
 * the text is selected and the person is told to copy it with the keyboard.
 */
export function SecretReveal({ label, value, note, focusOnShow = false, onDismiss }: SecretRevealProps) {
  const id = useId()
  const boxRef = useRef<HTMLDivElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const [copy, setCopy] = useState<CopyState>('idle')

  useEffect(() => {
    if (!focusOnShow) return
    boxRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' })
    inputRef.current?.focus({ preventScroll: true })
  }, [focusOnShow])

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(value)
      setCopy('copied')
    } catch {
      inputRef.current?.select()
      setCopy('manual')
    }
  }

  return (
    <div ref={boxRef} className="scroll-mt-6 rounded-lg border border-medium-border bg-medium-bg p-4">
      <label htmlFor={id} className="block text-sm font-semibold text-ink">
        {label}
      </label>
      <div className="mt-2 flex flex-wrap gap-2 sm:flex-nowrap">
        <input
          ref={inputRef}
          id={id}
          readOnly
          value={value}
          aria-describedby={`${id}-note`}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
          className={cn(controlClasses, 'h-9 min-w-0 flex-1 font-mono')}
        />
        <Button variant="primary" onClick={onCopy}>
          {copy === 'copied' && <Icon name="check" />}
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </Button>
        {onDismiss && (
          <Button variant="ghost" onClick={onDismiss}>
            I have stored it
          </Button>
        )}
      </div>
      <p id={`${id}-note`} className="mt-2 flex items-start gap-1.5 text-sm text-medium-fg">
        <Icon name="alert" size={16} className="mt-0.5" />
        <span>{note}</span>
      </p>
      <p aria-live="polite" className="mt-1 text-xs text-ink-muted">
        {copy === 'copied' && 'Copied to the clipboard.'}
        {copy === 'manual' && 'Copying is not available here: the text is selected, press Ctrl+C (⌘C on a Mac).'}
      </p>
    </div>
  )
}
