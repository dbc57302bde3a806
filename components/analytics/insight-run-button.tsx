'use client'

import { useRouter } from 'next/navigation'
import { INSIGHTS_JOB } from '@/lib/analytics/registry-schema'
import { runJobNow } from '@/lib/jobs/actions'
import { RunActionButton } from '@/components/ui/run-action-button'

/** Runs the insights job in this request (it counts every workflow's funnels twice); the list then refreshes. */
export function InsightRunButton() {
  const router = useRouter()
  return (
    <RunActionButton
      run={async () => {
        const result = await runJobNow({ name: INSIGHTS_JOB })
        router.refresh()
        return result
      }}
      label="Run now"
      pendingLabel="Looking for insights…"
      doneMessage="Done."
      failedMessage="The insights job could not be run."
      ariaLabel="Run the insights job now"
    />
  )
}
