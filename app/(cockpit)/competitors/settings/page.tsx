import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { getThreatSettings } from '@/lib/competitors/settings'
import { ThreatSettingsForm } from '@/components/competitors/threat-settings-form'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Threat settings' }

/** The threat levels' thresholds, the evidence half-life and the momentum window (competitor editors). */
export default async function ThreatSettingsPage() {
  await requirePagePermission('competitor:edit')
  const settings = await getThreatSettings()
  return (
    <StackedPage
      title="Threat settings"
      description="How threat levels are read from the scores, and how fast evidence ages. The matrix, its gaps and the roadmap links use them at once; each change is recorded in the audit log."
      back={{ href: '/competitors', label: 'Competitor matrix' }}
    >
      <SectionCard headingId="settings-heading" title="Thresholds and windows" description="Scores: capability threat = importance × lead × overlap factor × momentum factor; competitor threat = weighted mean lead × overlap factor × momentum factor (lib/competitors/README.md).">
        <ThreatSettingsForm settings={settings} />
      </SectionCard>
    </StackedPage>
  )
}
