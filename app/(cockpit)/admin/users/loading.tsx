import { AdminPageLoading } from '@/components/admin/admin-page-loading'

export default function UsersLoading() {
  return <AdminPageLoading label="Loading people…" />
}
