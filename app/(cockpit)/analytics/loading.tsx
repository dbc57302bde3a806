import { AnalyticsPageLoading } from '@/components/analytics/analytics-page-loading'

export default function AnalyticsLoading() {
  return <AnalyticsPageLoading label="Loading analytics…" />
}
