import { PageLoading } from '@/components/ui/page-loading'

export default function ReviewsLoading() {
  return <PageLoading label="Loading the quarterly reviews…" />
}
