import { ListLoading } from '@/components/ui/page-loading'

export default function ChannelsLoading() {
  return <ListLoading label="Loading channels…" rows={5} titleWidth="w-56" />
}
