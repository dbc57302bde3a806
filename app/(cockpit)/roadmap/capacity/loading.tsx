import { PageLoading } from '@/components/ui/page-loading'

export default function CapacityLoading() {
  return <PageLoading label="Loading capacity…" />
}
