import { SloPageLoading } from '@/components/slo/slo-page-loading'

export default function SloManageLoading() {
  return <SloPageLoading label="Loading objectives…" panels={2} />
}
