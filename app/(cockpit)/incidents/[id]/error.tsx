'use client'

import { IncidentsPageError } from '@/components/incidents/incidents-page-error'

export default function IncidentError({ error, retry }: { error: unknown; retry: () => void }) {
  return <IncidentsPageError title="This incident could not be loaded" error={error} retry={retry} />
}
