'use client'

import { RunActionButton } from '@/components/ui/run-action-button'
import { runRestoreDrillNow } from '@/lib/jobs/actions'

/**
 * Runs a restore drill of the newest backup in this request (seconds on a small database, longer on a large
 * one); the page then refreshes with the drill's record. The drill never touches the live database.
 */
export function RunDrillButton() {
  return (
    <RunActionButton
      run={() => runRestoreDrillNow({})}
      label="Run restore drill now"
      pendingLabel="Restoring into a scratch database…"
      doneMessage="Drill finished."
      failedMessage="The drill could not be run."
      align="start"
    />
  )
}
