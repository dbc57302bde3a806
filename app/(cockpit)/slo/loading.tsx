import { SloPageLoading } from '@/components/slo/slo-page-loading'

export default function SloLoading() {
  return <SloPageLoading label="Loading service levels…" panels={4} />
}
