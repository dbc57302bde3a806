import { PageLoading } from '@/components/ui/page-loading'

export default function AuditLoading() {
  return <PageLoading label="Loading the audit log…" />
}
