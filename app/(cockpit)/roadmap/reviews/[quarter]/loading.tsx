import { PageLoading } from '@/components/ui/page-loading'

export default function ReviewLoading() {
  return <PageLoading label="Loading the review…" />
}
