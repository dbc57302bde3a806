'use client'

import { useRouter } from 'next/navigation'
import { runJobNow } from '@/lib/jobs/actions'
import { REVIEW_JOB } from '@/lib/roadmap/review'
import { RunActionButton } from '@/components/ui/run-action-button'

/** Runs the quarterly review job now (job:run): it stores the review of the quarter just ended, replacing an earlier one. */
export function ReviewRunButton({ quarter }: { quarter: string }) {
  const router = useRouter()
  return (
    <RunActionButton
      run={async () => {
        const result = await runJobNow({ name: REVIEW_JOB })
        router.refresh()
        return result.ok ? { ok: true, message: `The review for ${quarter} is stored.` } : result
      }}
      label={`Run review for ${quarter} now`}
      pendingLabel="Reviewing the quarter…"
      doneMessage={`The review for ${quarter} is stored.`}
      failedMessage="The review could not be run."
      align="start"
    />
  )
}
