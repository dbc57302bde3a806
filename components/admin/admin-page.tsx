import { StackedPage, type StackedPageProps } from '@/components/ui/page-header'

/** An administration page: its header with the way back to Administration, then its sections. */
export function AdminPage(props: Omit<StackedPageProps, 'back' | 'eyebrow'>) {
  return <StackedPage back={{ href: '/admin', label: 'Administration' }} {...props} />
}
