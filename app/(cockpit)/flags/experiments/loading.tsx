import { AdminPageLoading } from '@/components/admin/admin-page-loading'

export default function ExperimentsLoading() {
  return <AdminPageLoading label="Loading experiments…" rows={6} />
}
