import { PageLoading } from '@/components/ui/page-loading'

export default function ExperimentLoading() {
  return <PageLoading label="Loading experiment results…" rows={6} />
}
