'use client'

import { AdminPageError } from '@/components/admin/admin-page-error'

export default function UsersError({ error, retry }: { error: unknown; retry: () => void }) {
  return <AdminPageError title="People could not be loaded" error={error} retry={retry} />
}
