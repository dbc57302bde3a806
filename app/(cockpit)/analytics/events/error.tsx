'use client'

import { PageError } from '@/components/ui/page-error'

export default function EventRegistryError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageError
      title="The event registry could not be loaded"
      error={error}
      retry={reset}
      advice="If the database was briefly unavailable, trying again usually works. Events go on being received either way."
    />
  )
}
