import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { getFlagDetail } from '@/lib/flags/queries'
import { describeServe } from '@/lib/flags/rule-editor'
import { ENVIRONMENT_LABELS, ENVIRONMENTS, type Environment, type EnvironmentConfig } from '@/lib/flags/schema'
import { hasPermission } from '@/lib/rbac'
import { Badge } from '@/components/ui/badge'
import { Card } from '@/components/ui/card'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'
import { TabsNav } from '@/components/ui/tabs-nav'
import { ChangeRequestsPanel } from '@/components/flags/change-requests-panel'
import { ComplianceForm } from '@/components/flags/compliance-form'
import { EvaluationCounts } from '@/components/flags/evaluation-counts'
import { EnvironmentStateBadge, LifecycleBadge } from '@/components/flags/flag-badges'
import { FlagDetailsForm } from '@/components/flags/flag-details-form'
import { FlagHistory } from '@/components/flags/flag-history'
import { GatesPanel } from '@/components/flags/gates-panel'
import { KillSwitchButton } from '@/components/flags/kill-switch-button'
import { categoryLabel } from '@/components/flags/labels'
import { RolloutControls } from '@/components/flags/rollout-controls'
import { RolloutProgress } from '@/components/flags/rollout-progress'
import { TargetingEditor } from '@/components/flags/targeting-editor'

type Params = Promise<{ key: string }>
type Search = Promise<{ env?: string | string[]; cr?: string | string[] }>

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { key } = await params
  return { title: `Flag ${decodeKey(key) ?? key}` }
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

/** A malformed escape in the URL is an unknown flag, not a server error. */
function decodeKey(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

export default async function FlagPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const user = await requirePagePermission('flag:read')
  const [{ key: rawKey }, sp] = await Promise.all([params, searchParams])
  const key = decodeKey(rawKey)
  const now = new Date()
  const flag = key ? await getFlagDetail(key, now) : null
  if (!flag) notFound()

  const canEdit = hasPermission(user.role, 'flag:edit')
  // Operations: the kill switch, pause and roll back only (lib/rbac.ts).
  const canEmergency = hasPermission(user.role, 'flag:emergency')
  const canApprove = hasPermission(user.role, 'flag:approve')
  const canCompliance = hasPermission(user.role, 'flag:compliance')
  const envParam = one(sp.env)
  const environment: Environment = (ENVIRONMENTS as readonly string[]).includes(envParam ?? '') ? (envParam as Environment) : 'production'
  const env = flag.environments.find((e) => e.environment === environment)
  const base = `/flags/${encodeURIComponent(flag.key)}`

  // Editing one's own open change request loads its proposal into the editor instead of the live configuration.
  const crId = one(sp.cr)
  const editing = crId
    ? flag.changeRequests.find(
        (r) => r.id === crId && r.environment === environment && r.requestedBy?.id === user.id && (r.status === 'pending' || r.status === 'approved') && r.payload.kind === 'environment',
      )
    : undefined
  const liveConfig: EnvironmentConfig | null = env ? { enabled: env.enabled, offVariant: env.offVariant, rules: env.rules, defaultServe: env.defaultServe } : null
  const editorConfig = editing?.payload.kind === 'environment' ? editing.payload.config : liveConfig
  const rollout = env?.rollout ?? null
  const rolloutStatus = rollout && (rollout.status === 'running' || rollout.status === 'paused') ? rollout.status : null
  const openRequests = flag.changeRequests.filter((r) => r.status === 'pending' || r.status === 'approved')
  const missingGate = flag.gates.find((g) => g.gate !== 'four_eyes' && !g.satisfied)

  return (
    <StackedPage
      back={{ href: '/flags', label: 'Feature flags' }}
      title={flag.name}
      description={
        <>
          <code className="font-mono text-[13px] text-ink">{flag.key}</code>
          {flag.description && <> · {flag.description}</>}
        </>
      }
    >
      <div className="flex flex-wrap items-center gap-2 text-sm text-ink-muted">
        <Badge>{flag.type}</Badge>
        <Badge tone={flag.gates.length ? 'medium' : 'neutral'}>{categoryLabel(flag.category)}</Badge>
        <LifecycleBadge lifecycle={flag.lifecycle} />
        {flag.tags.map((t) => (
          <Badge key={t} tone="accent">
            {t}
          </Badge>
        ))}
        <span>Owner: {flag.owner || 'nobody'}</span>
        <span>
          · changed <RelativeTime date={flag.lastChangedAt} />
        </span>
      </div>

      <TabsNav
        label="Environments"
        current={`${base}?env=${environment}`}
        tabs={ENVIRONMENTS.map((e) => ({
          href: `${base}?env=${e}`,
          label: ENVIRONMENT_LABELS[e],
          count: openRequests.filter((r) => r.environment === e).length || undefined,
        }))}
      />

      {!env || !editorConfig ? (
        <Card>
          <EmptyState title={`Not set up in ${ENVIRONMENT_LABELS[environment].toLowerCase()}`} icon="flag">
            This flag has no configuration in this environment, so evaluations there answer with an error.
          </EmptyState>
        </Card>
      ) : (
        <>
          <div className="grid gap-6 lg:grid-cols-2">
            <SectionCard
              headingId="state-heading"
              title={<>State in {ENVIRONMENT_LABELS[environment].toLowerCase()}</>}
              actions={canEmergency && <KillSwitchButton flagKey={flag.key} environment={environment} killed={env.killed} offVariant={env.offVariant} />}
              bodyClassName="space-y-2 text-sm"
            >
              <div className="flex flex-wrap items-center gap-2">
                <EnvironmentStateBadge enabled={env.enabled} killed={env.killed} />
                <span className="text-ink-muted">
                  {env.killed
                    ? `Kill switch on: everyone gets ${env.offVariant}.`
                    : env.enabled
                      ? `${env.rules.length} targeting ${env.rules.length === 1 ? 'rule' : 'rules'}, then ${describeServe(env.defaultServe)}.`
                      : `Off: everyone gets ${env.offVariant}.`}
                </span>
              </div>
              <p className="text-xs text-ink-muted">
                Version {env.version}, changed <RelativeTime date={env.updatedAt} />
              </p>
              {environment === 'production' && missingGate && (
                <p className="rounded-md border border-breached-border bg-breached-bg px-3 py-2 text-breached-fg">
                  Missing {missingGate.label}: production cannot serve anything but {env.offVariant} until it is recorded.
                </p>
              )}
            </SectionCard>

            <SectionCard
              headingId="rollout-heading"
              title="Rollout"
              description="A canary plan that advances only while the guarded SLOs are healthy."
              bodyClassName="space-y-4"
            >
              {rollout ? <RolloutProgress rollout={rollout} now={now} /> : <p className="text-sm text-ink-muted">No rollout in this environment.</p>}
              {flag.guardedSloKeys.length === 0 && <p className="text-xs text-at-risk-fg">No guarded SLOs: a rollout here advances on time alone.</p>}
              {canEmergency && (
                <RolloutControls
                  flagKey={flag.key}
                  environment={environment}
                  status={rolloutStatus}
                  canStart={canEdit}
                  variants={flag.variants.map((v) => v.key).filter((v) => v !== env.offVariant)}
                />
              )}
            </SectionCard>
          </div>

          <SectionCard
            id="targeting"
            headingId="targeting-heading"
            title={<>Targeting in {ENVIRONMENT_LABELS[environment].toLowerCase()}</>}
            description={
              rolloutStatus === 'running'
                ? 'A rollout runs here: its split is the default rule, and editing the default rule pauses the rollout.'
                : 'Context attributes such as department, role, region or targetingKey decide who gets which variant.'
            }
            className="scroll-mt-6"
          >
            <TargetingEditor
              key={`${environment}-${editing?.id ?? 'live'}`}
              flagKey={flag.key}
              environment={environment}
              variants={flag.variants}
              config={editorConfig}
              changeRequest={editing ? { id: editing.id, approved: editing.status === 'approved' } : undefined}
              canEdit={canEdit}
            />
          </SectionCard>
        </>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <SectionCard
          headingId="requests-heading"
          title="Change requests"
          description="Production changes to a gated flag wait for a second person (4-eyes)."
        >
          <ChangeRequestsPanel
            flagKey={flag.key}
            requests={flag.changeRequests}
            viewerId={user.id}
            canApprove={canApprove}
            canEdit={canEdit}
            canEmergency={canEmergency}
          />
        </SectionCard>

        <SectionCard
          headingId="gates-heading"
          title="Compliance gates"
          description="Enforced by the server for every change, from this page or the API."
          bodyClassName="space-y-4"
        >
          <GatesPanel gates={flag.gates} records={flag.compliance} />
          {canCompliance && (
            <details open={Boolean(missingGate)}>
              <summary className="cursor-pointer text-sm font-medium text-accent-fg">Record compliance evidence</summary>
              <div className="mt-3">
                <ComplianceForm flagKey={flag.key} suggested={missingGate && missingGate.gate !== 'four_eyes' ? missingGate.gate : undefined} />
              </div>
            </details>
          )}
        </SectionCard>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <SectionCard
          headingId="evaluations-heading"
          title="Evaluations"
          description={`Per variant in ${ENVIRONMENT_LABELS[environment].toLowerCase()}, last 24 hours.`}
        >
          <EvaluationCounts counts={flag.evaluationCounts} environment={environment} variants={flag.variants.map((v) => v.key)} />
        </SectionCard>

        <SectionCard
          headingId="history-heading"
          title="History"
          description="Every change, who made it, and why a rollout was rolled back."
          bodyClassName="max-h-[32rem] overflow-y-auto"
        >
          <FlagHistory events={flag.history} />
        </SectionCard>
      </div>

      {flag.experiments.length > 0 && (
        <SectionCard headingId="experiments-heading" title="Experiments on this flag">
          <ul className="space-y-1 text-sm">
            {flag.experiments.map((x) => (
              <li key={x.id}>
                <Link href={`/flags/experiments/${encodeURIComponent(x.key)}`} className="text-accent-fg hover:underline">
                  {x.name}
                </Link>{' '}
                <span className="text-ink-muted">
                  ({x.status}, {x.environment})
                </span>
              </li>
            ))}
          </ul>
        </SectionCard>
      )}

      {canEdit && (
        <SectionCard headingId="details-heading" title="Details" description="The key and type are fixed: SDKs depend on them." bodyClassName="max-w-3xl">
          <FlagDetailsForm
            flagKey={flag.key}
            name={flag.name}
            description={flag.description}
            owner={flag.owner}
            tags={flag.tags}
            category={flag.category}
            lifecycle={flag.lifecycle}
            guardedSloKeys={flag.guardedSloKeys}
          />
        </SectionCard>
      )}
    </StackedPage>
  )
}
