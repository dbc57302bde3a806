import { PageLoading } from '@/components/ui/page-loading'

export default function TrendsLoading() {
  return <PageLoading label="Loading trends…" rows={8} />
}
