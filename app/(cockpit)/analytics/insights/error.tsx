'use client'

import { PageError } from '@/components/ui/page-error'

export default function InsightsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="Insights could not be loaded" error={error} retry={reset} />
}
