'use client'

import { PageError } from '@/components/ui/page-error'

export default function ValueRiskError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <PageError
      title="Value vs risk could not be loaded"
      error={error}
      retry={retry}
      back={{ href: '/roadmap', label: 'Roadmap' }}
      advice="Trying again usually works if the database was briefly unavailable; if it keeps failing, give the reference to whoever runs Wardroom."
    />
  )
}
