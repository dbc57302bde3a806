import { SloPageLoading } from '@/components/slo/slo-page-loading'

export default function SloDetailLoading() {
  return <SloPageLoading label="Loading the objective…" panels={3} variant="stack" />
}
