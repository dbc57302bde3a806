'use client'

import { SloPageError } from '@/components/slo/slo-page-error'

export default function SloDetailError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SloPageError title="This objective could not be loaded" error={error} retry={retry} />
}
