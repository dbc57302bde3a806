'use client'

import { useState } from 'react'
import type { FunnelSeries } from '@/lib/analytics/funnel-query'
import { formatPercent } from '@/lib/format'
import { Button } from '@/components/ui/button'
import { DropOffDialog } from './funnel-dropoff-dialog'
import { peopleText } from './funnel-display'

export interface FunnelDropOffsProps {
  /** Everyone's funnel (the drop-off lists are of the whole population, whatever the breakdown). */
  overall: FunnelSeries
  /** The funnel's query string (funnelParamsToSearch), which the lists and their CSV are asked for with. */
  search: string
  k: number
}

/**
 * Per step after the first: how many people reached the step before but not this one, and "Show the
 * sessions" of who they were (pseudonymous) in a dialog. Where fewer than k were lost the button still
 * opens, and the dialog says why it names nobody.
 */
export function FunnelDropOffs({ overall, search, k }: FunnelDropOffsProps) {
  const [open, setOpen] = useState<number | null>(null)
  const steps = overall.steps.slice(1)
  const current = open === null ? null : overall.steps.find((s) => s.step === open)

  return (
    <>
      <ol className="divide-y divide-line" aria-label="Drop-off per step">
        {steps.map((s) => {
          const before = overall.steps[s.step - 2]
          const rate = s.dropOff !== null && before?.users ? s.dropOff / before.users : null
          return (
            <li key={s.step} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:flex-nowrap">
              <div className="min-w-0 flex-1 text-sm">
                <p className="font-medium text-ink">
                  Step {s.step}: {s.label}
                </p>
                <p className="text-ink-muted tabular-nums">
                  {s.dropOff === null ? (
                    `Not shown: fewer than ${k} people lost, or fewer than ${k} on one side of the step`
                  ) : s.dropOff === 0 ? (
                    `Nobody lost after step ${s.step - 1}`
                  ) : (
                    <>
                      {peopleText(s.dropOff, k)} {s.dropOff === 1 ? 'person' : 'people'} lost after step {s.step - 1}
                      {rate !== null && ` (${formatPercent(rate, 1)} of those who reached it)`}
                    </>
                  )}
                </p>
              </div>
              <Button size="sm" onClick={() => setOpen(s.step)} aria-label={`Show the sessions of the people lost at step ${s.step}, ${s.label}`} aria-haspopup="dialog">
                Show the sessions
              </Button>
            </li>
          )
        })}
      </ol>
      <DropOffDialog step={current ?? null} search={search} k={k} onClose={() => setOpen(null)} />
    </>
  )
}
