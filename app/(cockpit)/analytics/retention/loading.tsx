import { PageLoading } from '@/components/ui/page-loading'

export default function RetentionLoading() {
  return <PageLoading label="Loading retention…" rows={8} />
}
