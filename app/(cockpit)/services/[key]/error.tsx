'use client'

import { PageError } from '@/components/ui/page-error'

export default function ServiceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageError
      title="The service could not be loaded"
      error={error}
      retry={reset}
      lead="Something went wrong on the server"
      advice="If the database was briefly unavailable, trying again usually works. Alerts go on being received either way."
    />
  )
}
