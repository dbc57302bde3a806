import { ListLoading } from '@/components/ui/page-loading'

export default function BackupsLoading() {
  return <ListLoading label="Loading backups and drills…" rows={6} titleWidth="w-36" />
}
