import { AdminPageLoading } from '@/components/admin/admin-page-loading'

export default function FlagLoading() {
  return <AdminPageLoading label="Loading the flag…" rows={10} />
}
