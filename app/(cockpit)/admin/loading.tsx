import { PageLoading } from '@/components/ui/page-loading'

export default function AdminLoading() {
  return <PageLoading label="Loading administration…" rows={4} />
}
