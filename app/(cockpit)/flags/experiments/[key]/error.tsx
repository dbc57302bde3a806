'use client'

import { FlagPageError } from '@/components/flags/flag-page-states'

export default function ExperimentError({ error, retry }: { error: unknown; retry: () => void }) {
  return <FlagPageError title="The experiment results could not be loaded" error={error} retry={retry} />
}
