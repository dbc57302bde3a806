'use client'

import { PageError } from '@/components/ui/page-error'

export default function FeedbackError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="Feedback could not be loaded" error={error} retry={reset} />
}
