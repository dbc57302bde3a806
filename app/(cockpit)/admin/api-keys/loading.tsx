import { PageLoading } from '@/components/ui/page-loading'

export default function ApiKeysLoading() {
  return <PageLoading label="Loading API keys…" />
}
