import { PageLoading } from '@/components/ui/page-loading'

export default function ServiceLoading() {
  return <PageLoading label="Loading the service…" rows={6} />
}
