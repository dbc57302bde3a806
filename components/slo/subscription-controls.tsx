'use client'

import { useState, useTransition } from 'react'
import type { FormState } from '@/lib/auth/guard'
import { subscribeReportAction, unsubscribeReportAction } from '@/lib/slo/report-actions'
import { REPORT_PERIODS, REPORT_PERIOD_LABELS, type ReportPeriod } from '@/lib/slo/report-periods'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'

const WHEN: Record<ReportPeriod, string> = {
  daily: 'every day at 09:00, covering the day before',
  weekly: 'Mondays at 09:00, covering the week before',
  monthly: 'on the 1st at 09:00, covering the month before',
}

export interface SubscriptionControlsProps {
  subscribed: readonly ReportPeriod[]
  email: string
  timeZone: string
  /** Whether an e-mail channel is set up; without one, subscriptions wait for it. */
  canSend: boolean
}

/** The signed-in person's own report e-mails: one switch per period. */
export function SubscriptionControls({ subscribed, email, timeZone, canSend }: SubscriptionControlsProps) {
  const [state, setState] = useState<FormState | null>(null)
  const [busy, setBusy] = useState<ReportPeriod | null>(null)
  const [, startTransition] = useTransition()
  const on = new Set(subscribed)

  function toggle(period: ReportPeriod) {
    setBusy(period)
    startTransition(async () => {
      try {
        const action = on.has(period) ? unsubscribeReportAction : subscribeReportAction
        setState(await action({ period }))
      } catch {
        setState({ ok: false, message: 'Wardroom could not be reached. Check your connection and try again.' })
      } finally {
        setBusy(null)
      }
    })
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-ink-muted">
        Reports are e-mailed to <span className="font-medium text-ink">{email}</span> (times in {timeZone}).
        {!canSend && ' No e-mail channel is set up yet, so nothing is sent until an administrator adds one.'}
      </p>
      <ul className="divide-y divide-line rounded-md border border-line">
        {REPORT_PERIODS.map((period) => {
          const active = on.has(period)
          return (
            <li key={period} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2">
              <div className="min-w-0">
                <p className="flex items-center gap-2 text-sm font-medium text-ink">
                  {REPORT_PERIOD_LABELS[period]} report
                  {active && (
                    <Badge tone="ok" icon="check">
                      Subscribed
                    </Badge>
                  )}
                </p>
                <p className="text-xs text-ink-muted">{WHEN[period]}</p>
              </div>
              <Button size="sm" variant={active ? 'ghost' : 'secondary'} loading={busy === period} disabled={busy !== null} onClick={() => toggle(period)}>
                {active ? 'Unsubscribe' : 'Subscribe'}
                <span className="sr-only"> {active ? 'from' : 'to'} the {period} report</span>
              </Button>
            </li>
          )
        })}
      </ul>
      <FormMessage state={state} />
    </div>
  )
}
