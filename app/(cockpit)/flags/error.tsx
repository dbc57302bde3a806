'use client'

import { FlagPageError } from '@/components/flags/flag-page-states'

export default function FlagsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <FlagPageError title="The feature flags could not be loaded" error={error} retry={retry} />
}
