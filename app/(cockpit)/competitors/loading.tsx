import { AreaPageLoading } from '@/components/competitors/competitors-page-loading'

export default function CompetitorsLoading() {
  return <AreaPageLoading label="Loading the competitor matrix…" />
}
