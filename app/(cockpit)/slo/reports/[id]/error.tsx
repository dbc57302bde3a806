'use client'

import { SloPageError } from '@/components/slo/slo-page-error'

export default function SlaReportError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SloPageError title="This report could not be loaded" error={error} retry={retry} />
}
