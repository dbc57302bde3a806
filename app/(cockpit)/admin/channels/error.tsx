'use client'

import { ErrorState } from '@/components/ui/error-state'

export default function ChannelsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorState title="The channels could not be loaded" onRetry={reset}>
      Something went wrong on the server{error.digest ? ` (reference ${error.digest})` : ''}. If the database was briefly unavailable,
      trying again usually works.
    </ErrorState>
  )
}
