'use client'

import { PageError } from '@/components/ui/page-error'

export default function FunnelsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <PageError
      title="The funnel could not be computed"
      error={error}
      retry={retry}
      back={{ href: '/analytics/funnels', label: 'Start a new funnel' }}
      advice="Trying again usually works if the database was briefly busy; a long range with many steps takes longest. If it keeps failing, give the reference to whoever runs Wardroom."
    />
  )
}
