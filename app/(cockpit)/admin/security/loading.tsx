import { ListLoading } from '@/components/ui/page-loading'

export default function SecurityLoading() {
  return <ListLoading label="Loading security events…" rows={8} titleWidth="w-28" />
}
