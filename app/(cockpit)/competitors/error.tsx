'use client'

import { PageError } from '@/components/ui/page-error'

export default function CompetitorsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <PageError
      title="The competitor matrix could not be loaded"
      error={error}
      retry={retry}
      back={{ href: '/competitors', label: 'Competitor matrix' }}
      advice="Trying again usually works if the database was briefly unavailable; if it keeps failing, give the reference to whoever runs Wardroom."
    />
  )
}
