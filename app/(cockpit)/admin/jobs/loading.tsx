import { ListLoading } from '@/components/ui/page-loading'

export default function JobsLoading() {
  return <ListLoading label="Loading jobs…" rows={6} titleWidth="w-32" />
}
