'use client'

import { useState, useTransition } from 'react'
import { cn } from '@/lib/cn'
import { Button, ButtonLink } from './button'
import { ConfirmButton } from './confirm-button'

/** The outcome of a row's action: the project's form-state shape. */
type Outcome = { ok: boolean; message?: string }

export interface RowControlsProps {
  /** The row's name, read by screen readers after each button's words. */
  name: string
  /** A check that reports back (send a test message, check now): its outcome is shown under the buttons. */
  run: { label: string; pendingLabel: string; srSuffix: string; action: () => Promise<Outcome> }
  editHref: string
  /** Enable/disable, pause/resume: the label says what a press will do. */
  toggle: { label: string; action: () => Promise<Outcome> }
  /** Delete, asked once. */
  remove: { title: string; description: string; confirmLabel: string; action: () => Promise<Outcome> }
}

const UNREACHABLE: Outcome = { ok: false, message: 'Wardroom could not be reached. Check your connection and try again.' }

/** A row's controls: run a check (result shown here), edit, switch on/off, delete (asks once). */
export function RowControls({ name, run, editHref, toggle, remove }: RowControlsProps) {
  const [result, setResult] = useState<Outcome | null>(null)
  const [running, startRun] = useTransition()
  const [toggling, startToggle] = useTransition()

  const report = (fn: () => Promise<Outcome>) => async () => {
    try {
      setResult(await fn())
    } catch {
      setResult(UNREACHABLE)
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-2">
        <Button size="sm" loading={running} onClick={() => startRun(report(run.action))}>
          {running ? run.pendingLabel : run.label}
          <span className="sr-only">{run.srSuffix}</span>
        </Button>
        <ButtonLink size="sm" href={editHref}>
          Edit<span className="sr-only"> {name}</span>
        </ButtonLink>
        <Button size="sm" variant="ghost" loading={toggling} onClick={() => startToggle(report(toggle.action))}>
          {toggle.label}
          <span className="sr-only"> {name}</span>
        </Button>
        <ConfirmButton size="sm" title={remove.title} description={remove.description} confirmLabel={remove.confirmLabel} confirmAction={remove.action}>
          Delete<span className="sr-only"> {name}</span>
        </ConfirmButton>
      </div>
      <p aria-live="polite" className={cn('max-w-sm text-right text-xs', result && !result.ok ? 'font-medium text-critical-fg' : 'text-ink-muted')}>
        {result?.message}
      </p>
    </div>
  )
}
