import { ViewerTime } from '@/components/ui/viewer-time'

export interface FunnelEmptyReasonProps {
  /** The first step's event. */
  event: string
  /** When it last happened, at any time still kept; null when never. */
  lastAt: Date | null
  /** The workflow's name, when the funnel is one. */
  workflow?: string
}

/** Why nobody started: the first step's event never arrived (the workflow has no data), or not in this range. */
export function FunnelEmptyReason({ event, lastAt, workflow }: FunnelEmptyReasonProps) {
  if (lastAt === null) {
    return (
      <>
        No <code className="font-mono">{event}</code> event has been received yet{workflow ? `, so the workflow “${workflow}” has no data` : ''}. Once the clinical
        app sends it (with an API key that has the events:write scope), the funnel fills in.
      </>
    )
  }
  return (
    <>
      No <code className="font-mono">{event}</code> event happened in this range; the latest was <ViewerTime date={lastAt} />. Pick a range that includes
      it.
    </>
  )
}
