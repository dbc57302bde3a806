'use client'

import { PageError, type PageErrorProps } from '@/components/ui/page-error'

/** The error.tsx body of the admin pages: what failed, a reference for the logs, and a way forward. */
export function AdminPageError(props: PageErrorProps) {
  return <PageError {...props} back={{ href: '/admin', label: 'Administration' }} />
}
