'use client'

import { AdminPageError } from '@/components/admin/admin-page-error'

export default function AdminError({ error, retry }: { error: unknown; retry: () => void }) {
  return <AdminPageError title="Administration could not be loaded" error={error} retry={retry} />
}
