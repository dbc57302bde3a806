'use client'

import { IncidentsPageError } from '@/components/incidents/incidents-page-error'

export default function IncidentsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <IncidentsPageError title="The incident board could not be loaded" error={error} retry={retry} />
}
