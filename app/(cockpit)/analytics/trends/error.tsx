'use client'

import { PageError } from '@/components/ui/page-error'

export default function TrendsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <PageError title="Trends could not be loaded" error={error} retry={retry} back={{ href: '/analytics', label: 'Analytics overview' }} />
}
