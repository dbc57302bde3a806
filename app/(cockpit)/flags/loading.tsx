import { AdminPageLoading } from '@/components/admin/admin-page-loading'

export default function FlagsLoading() {
  return <AdminPageLoading label="Loading feature flags…" rows={8} />
}
