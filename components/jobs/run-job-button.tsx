'use client'

import { RunActionButton } from '@/components/ui/run-action-button'
import { runJobNow } from '@/lib/jobs/actions'

/** Runs a job in this request (it may take a while); the page refreshes with the new run when it ends. */
export function RunJobButton({ name }: { name: string }) {
  return (
    <RunActionButton
      run={() => runJobNow({ name })}
      label="Run now"
      pendingLabel="Running…"
      doneMessage="Done."
      failedMessage="The job could not be run."
      ariaLabel={`Run ${name} now`}
    />
  )
}
