'use client'

import { PageError } from '@/components/ui/page-error'

export default function WorkflowError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="The workflow could not be loaded" error={error} retry={reset} back={{ href: '/analytics', label: 'Analytics overview' }} />
}
