import { PageLoading } from '@/components/ui/page-loading'

export default function FlagLoading() {
  return <PageLoading label="Loading the flag…" rows={10} />
}
