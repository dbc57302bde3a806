'use client'

import { SloPageError } from '@/components/slo/slo-page-error'

export default function SlaReportsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SloPageError title="The reports could not be loaded" error={error} retry={retry} />
}
