'use client'

import { FlagPageError } from '@/components/flags/flag-page-states'

export default function FlagError({ error, retry }: { error: unknown; retry: () => void }) {
  return <FlagPageError title="This flag could not be loaded" error={error} retry={retry} />
}
