import { PageLoading } from '@/components/ui/page-loading'

export default function SourcesLoading() {
  return <PageLoading label="Loading the watched sources…" />
}
