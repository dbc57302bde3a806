import { PageLoading } from '@/components/ui/page-loading'

export default function FlagsLoading() {
  return <PageLoading label="Loading feature flags…" rows={8} />
}
