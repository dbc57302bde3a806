import { ListLoading } from '@/components/ui/page-loading'

export default function ServicesLoading() {
  return <ListLoading label="Loading the service catalogue…" rows={6} titleWidth="w-40" />
}
