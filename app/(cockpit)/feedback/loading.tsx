import { PageLoading } from '@/components/ui/page-loading'

export default function FeedbackLoading() {
  return <PageLoading label="Loading feedback…" rows={6} />
}
