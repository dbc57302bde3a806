'use client'

import { PageError } from '@/components/ui/page-error'

export default function BackupsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageError
      title="Backups could not be loaded"
      error={error}
      retry={reset}
      lead="Something went wrong on the server"
      advice="If the database was briefly unavailable, trying again usually works. Backups and drills go on running either way."
    />
  )
}
