import { SloPageLoading } from '@/components/slo/slo-page-loading'

export default function SlaReportLoading() {
  return <SloPageLoading label="Loading the report…" panels={1} variant="stack" />
}
