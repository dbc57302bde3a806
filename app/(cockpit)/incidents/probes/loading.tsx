import { ListLoading } from '@/components/ui/page-loading'

export default function ProbesLoading() {
  return <ListLoading label="Loading health probes…" rows={6} titleWidth="w-48" />
}
