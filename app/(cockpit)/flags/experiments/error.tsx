'use client'

import { FlagPageError } from '@/components/flags/flag-page-states'

export default function ExperimentsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <FlagPageError title="The experiments could not be loaded" error={error} retry={retry} />
}
