'use client'

import { PageError } from '@/components/ui/page-error'

export default function SecurityError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageError
      title="Security events could not be loaded"
      error={error}
      retry={reset}
      lead="Something went wrong on the server"
      advice="If the database was briefly unavailable, trying again usually works. The security scan goes on running either way."
    />
  )
}
