import { AdminPageLoading } from '@/components/admin/admin-page-loading'

export default function ExperimentLoading() {
  return <AdminPageLoading label="Loading experiment results…" rows={6} />
}
