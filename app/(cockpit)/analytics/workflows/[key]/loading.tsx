import { PageLoading } from '@/components/ui/page-loading'

export default function WorkflowLoading() {
  return <PageLoading label="Loading the workflow…" rows={8} />
}
