'use client'

import { SloPageError } from '@/components/slo/slo-page-error'

export default function SloManageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SloPageError title="Objectives could not be loaded" error={error} retry={retry} />
}
