import { AdminPageLoading } from '@/components/admin/admin-page-loading'

export default function AdminLoading() {
  return <AdminPageLoading label="Loading administration…" rows={4} />
}
