import { AdminPageLoading } from '@/components/admin/admin-page-loading'

export default function AuditLoading() {
  return <AdminPageLoading label="Loading the audit log…" />
}
