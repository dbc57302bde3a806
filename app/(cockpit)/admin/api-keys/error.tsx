'use client'

import { AdminPageError } from '@/components/admin/admin-page-error'

export default function ApiKeysError({ error, retry }: { error: unknown; retry: () => void }) {
  return <AdminPageError title="API keys could not be loaded" error={error} retry={retry} />
}
