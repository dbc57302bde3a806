import { PageLoading } from '@/components/ui/page-loading'

export default function UsersLoading() {
  return <PageLoading label="Loading people…" />
}
