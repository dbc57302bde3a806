'use client'

import { SloPageError } from '@/components/slo/slo-page-error'

export default function SloError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SloPageError title="Service levels could not be loaded" error={error} retry={retry} />
}
