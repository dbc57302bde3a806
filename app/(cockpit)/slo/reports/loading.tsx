import { SloPageLoading } from '@/components/slo/slo-page-loading'

export default function SlaReportsLoading() {
  return <SloPageLoading label="Loading reports…" panels={2} variant="stack" />
}
