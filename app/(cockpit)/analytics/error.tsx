'use client'

import { AnalyticsPageError } from '@/components/analytics/analytics-page-error'

export default function AnalyticsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <AnalyticsPageError title="Analytics could not be loaded" error={error} retry={retry} />
}
