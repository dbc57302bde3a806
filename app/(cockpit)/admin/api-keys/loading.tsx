import { AdminPageLoading } from '@/components/admin/admin-page-loading'

export default function ApiKeysLoading() {
  return <AdminPageLoading label="Loading API keys…" />
}
