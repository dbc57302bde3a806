'use client'

import { AdminPageError } from '@/components/admin/admin-page-error'

export default function AuditError({ error, retry }: { error: unknown; retry: () => void }) {
  return <AdminPageError title="The audit log could not be loaded" error={error} retry={retry} />
}
