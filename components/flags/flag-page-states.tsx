'use client'

import { PageError, type PageErrorProps } from '@/components/ui/page-error'

/** The error.tsx body of the flag pages: what failed, a reference for the logs, a way forward. */
export function FlagPageError(props: PageErrorProps) {
  return (
    <PageError
      {...props}
      back={{ href: '/flags', label: 'All flags' }}
      advice="If the database was briefly unavailable, trying again usually works; flag evaluations (OFREP) are served from memory and are not affected."
    />
  )
}
