import { PageLoading } from '@/components/ui/page-loading'

export default function ExperimentsLoading() {
  return <PageLoading label="Loading experiments…" rows={6} />
}
