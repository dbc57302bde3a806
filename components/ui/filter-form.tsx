'use client'

import { useRouter, useSearchParams } from 'next/navigation'
import { useEffect, useRef, useTransition, type ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { buttonClasses, ButtonLink } from './button'
import { Icon } from './icons'
import { applyMode, fieldStateFor, filterHref } from './filter-url'

/** Without JavaScript nothing applies on change: the form then gets a submit button. */
const NO_SCRIPT_SUBMIT = `<button type="submit" class="${buttonClasses('primary', 'sm')}">Apply filters</button>`

/** How long typing must pause before a text filter applies. */
export const TYPING_PAUSE_MS = 400

export interface FilterFormProps {
  /** The list page the filter applies to; "Clear filters" links back to it bare. */
  action: string
  /** The form's accessible name, e.g. "Filter the flags". */
  label: string
  /** Responsive column classes of the fields' grid, e.g. `sm:grid-cols-2 lg:grid-cols-5`. */
  gridClassName: string
  /** Whether any filter is set (shows "Clear filters"). */
  filtered: boolean
  children: ReactNode
}

/**
 * A filter above a list that applies as it changes: a select, checkbox or date at once, typed text when the
 * typing pauses (or on Enter). The filter is the URL (a GET form), so a view can be bookmarked, shared and
 * reloaded; the list updates without leaving the page or moving the focus. Without JavaScript it is a plain
 * GET form with an "Apply filters" button.
 */
export function FilterForm({ action, label, gridClassName, filtered, children }: FilterFormProps) {
  const router = useRouter()
  // Null outside the App Router (a component test); the form then starts from no filter.
  const search = (useSearchParams() as URLSearchParams | null)?.toString() ?? ''
  const form = useRef<HTMLFormElement>(null)
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined)
  /** The address of the last change applied, until the URL reaches it. */
  const applied = useRef<string | null>(null)
  const [pending, startTransition] = useTransition()

  /** Typed text replaces the history entry (one per pause would flood Back); a choice adds one. */
  function apply(history: 'push' | 'replace') {
    clearTimeout(typing.current)
    if (!form.current) return
    const href = filterHref(action, new FormData(form.current))
    // Compared with where the list is going: the URL, or a change of ours still on its way there.
    if (href === (applied.current ?? filterHref(action, new URLSearchParams(search)))) return
    applied.current = href
    startTransition(() => router[history](href, { scroll: false }))
  }

  // A change made before the page's script ran (a slow connection) had nobody to apply it: apply it now.
  useEffect(() => {
    if (form.current && Array.from(form.current.elements).some(changedSinceServer)) apply('push')
    // Once, when the form comes to life; later changes apply as they happen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // The fields follow the URL when something else changes it (a link in the list, "Clear filters", Back),
  // except the one being typed in.
  useEffect(() => {
    // After a change of ours the form was ahead of the URL, not behind it: nothing to follow.
    const ours = applied.current !== null
    applied.current = null
    if (!form.current || ours) return
    const current = new URLSearchParams(search)
    for (const el of Array.from(form.current.elements)) {
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || !el.name || el === document.activeElement) continue
      if (applyMode(el) === 'never') continue
      const want = fieldStateFor(el, current)
      if ('checked' in want) {
        if (el instanceof HTMLInputElement) el.checked = want.checked
      } else if (el.value !== want.value) el.value = want.value
    }
  }, [search])

  useEffect(() => () => clearTimeout(typing.current), [])

  return (
    <form
      ref={form}
      action={action}
      aria-label={label}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault()
        apply('push')
      }}
      onChange={(e) => {
        const mode = applyMode(e.target as EventTarget as HTMLInputElement)
        if (mode === 'now') apply('push')
        else if (mode === 'after-typing') {
          clearTimeout(typing.current)
          typing.current = setTimeout(() => apply('replace'), TYPING_PAUSE_MS)
        }
      }}
      onKeyDown={(e) => {
        // Enter applies typed text at once (with no submit button, the browser would not submit the form).
        if (e.key === 'Enter' && applyMode(e.target as EventTarget as HTMLInputElement) === 'after-typing') {
          e.preventDefault()
          apply('push')
        }
      }}
    >
      <div className={cn('grid grid-cols-1 gap-3', gridClassName)}>{children}</div>
      {/* Markup, not elements: React treats a <noscript>'s children as text and would not hydrate them. */}
      <noscript dangerouslySetInnerHTML={{ __html: NO_SCRIPT_SUBMIT }} />
      {(filtered || pending) && (
        <div className="flex flex-wrap items-center gap-2">
          {filtered && (
            <ButtonLink href={action} variant="ghost" size="sm" scroll={false}>
              Clear filters
            </ButtonLink>
          )}
          {pending && (
            <span className="flex items-center gap-1 text-sm text-ink-muted" aria-hidden="true">
              <Icon name="spinner" className="motion-safe:animate-spin" />
              Updating the list…
            </span>
          )}
        </div>
      )}
      <p role="status" className="sr-only">
        {pending ? 'Updating the list…' : ''}
      </p>
    </form>
  )
}

/** Whether a control's value differs from what the server rendered into it. */
function changedSinceServer(el: Element): boolean {
  if (el instanceof HTMLSelectElement) return Array.from(el.options).some((o) => o.selected !== o.defaultSelected)
  if (!(el instanceof HTMLInputElement) || applyMode(el) === 'never') return false
  return el.type === 'checkbox' || el.type === 'radio' ? el.checked !== el.defaultChecked : el.value !== el.defaultValue
}
