import { PageLoading } from '@/components/ui/page-loading'

export default function EventRegistryLoading() {
  return <PageLoading label="Loading the event registry…" rows={8} />
}
