import type { ReactNode } from 'react'
import { INPUT_LABELS, type ScoringInput, type Seeds } from '@/lib/roadmap/evidence'
import type { OverrideView } from '@/lib/roadmap/evidence-queries'
import { formatNumber } from '@/lib/format'
import {
  CLINICAL_WEIGHTS,
  CONFIDENCE_LEVELS,
  explainClinicalImpact,
  explainRice,
  IMPACT_LEVELS,
  IMPACT_WORDS,
  MOSCOW_WORDS,
  QUADRANT_WORDS,
  valueRiskQuadrant,
  type Confidence,
  type Impact,
  type Moscow,
} from '@/lib/roadmap/scoring'
import { Badge } from '@/components/ui/badge'
import { ViewerTime } from '@/components/ui/viewer-time'
import { InputOverrideForm } from './input-override-form'
import { MoscowForm } from './moscow-form'

export interface ScoredItem {
  id: string
  version: number
  effort: number | null
  moscow: string | null
  riceScore: number | null
  clinicalScore: number | null
  reach: number | null
  impact: number | null
  confidence: number | null
  value: number | null
  risk: number | null
  patientSafety: number | null
  clinicalOutcome: number | null
  timeSaved: number | null
  evidenceStrength: number | null
}

interface Props {
  item: ScoredItem
  seeds: Seeds
  overrides: OverrideView[]
  canEdit: boolean
}

const shown = (input: ScoringInput, v: number | null) => {
  if (v === null) return 'not set'
  if (input === 'impact') return `${v} · ${IMPACT_WORDS[v as Impact] ?? ''}`
  if (input === 'confidence') return `${v} %`
  return formatNumber(v)
}

/** Where an input's value comes from: an override and its reason, the evidence and its reason, or a PM. */
function Source({ input, value, seeds, override }: { input: ScoringInput; value: number | null; seeds: Seeds; override: OverrideView | undefined }) {
  const seed = seeds[input]
  if (override) {
    return (
      <p className="text-sm text-ink-muted">
        <Badge tone="accent" icon="key">
          Overridden
        </Badge>{' '}
        by {override.by} on <ViewerTime date={override.at} />: <span className="text-ink">“{override.reason}”</span>
        {seed ? ` (the evidence says ${shown(input, seed.value)}: ${seed.reason})` : override.seeded !== null ? ` (the evidence said ${shown(input, override.seeded)})` : ''}
      </p>
    )
  }
  if (seed) {
    return (
      <p className="text-sm text-ink-muted">
        <Badge tone="info" icon="chart">
          From evidence
        </Badge>{' '}
        {seed.reason}
      </p>
    )
  }
  return <p className="text-sm text-ink-muted">{value === null ? 'No evidence yet; a PM sets it.' : 'Set by a PM; no evidence seeds it.'}</p>
}

function Inputs({ inputs, item, seeds, overrides, canEdit }: Props & { inputs: readonly ScoringInput[] }) {
  return (
    <div className="divide-y divide-line">
      {inputs.map((input) => {
        const override = overrides.find((o) => o.input === input)
        return (
          <div key={input} role="group" aria-label={INPUT_LABELS[input]} className="grid gap-1 py-2 sm:grid-cols-[12rem_6rem_1fr]">
            <p className="text-sm font-medium text-ink">{INPUT_LABELS[input]}</p>
            <p className="text-sm tabular-nums text-ink">{shown(input, item[input])}</p>
            <div className="space-y-1">
              <Source input={input} value={item[input]} seeds={seeds} override={override} />
              {canEdit && <InputOverrideForm itemId={item.id} version={item.version} input={input} current={item[input]} overridden={Boolean(override)} seeded={Boolean(seeds[input])} />}
            </div>
          </div>
        )
      })}
    </div>
  )
}

function Framework({ id, title, score, formula, children }: { id: string; title: string; score: ReactNode; formula: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2 border-t border-line pt-4 first:border-0 first:pt-0">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={id} className="text-base font-semibold text-ink">
          {title}
        </h3>
        <p className="text-sm text-ink">{score}</p>
      </div>
      <p className="text-sm text-ink-muted">{formula}</p>
      {children}
    </section>
  )
}

function riceFormula(item: ScoredItem): string {
  const missing = (['reach', 'impact', 'confidence', 'effort'] as const).filter((k) => item[k] === null)
  if (missing.length > 0) return `RICE = reach × impact × confidence ÷ effort (person-weeks). Missing: ${missing.join(', ')}${missing.includes('effort') ? ' (effort is set under Details)' : ''}.`
  if (!(IMPACT_LEVELS as readonly number[]).includes(item.impact!) || !(CONFIDENCE_LEVELS as readonly number[]).includes(item.confidence!)) return 'RICE needs impact 0.25–3 and confidence 50, 80 or 100 %.'
  return `RICE = ${explainRice({ reach: item.reach!, impact: item.impact as Impact, confidence: item.confidence as Confidence, effort: item.effort! })}`
}

function clinicalFormula(item: ScoredItem): string {
  const weights = Object.entries(CLINICAL_WEIGHTS)
    .map(([k, w]) => `${INPUT_LABELS[k as ScoringInput].replace(/ \(.*\)$/, '').toLowerCase()} × ${w}`)
    .join(' + ')
  if (item.patientSafety === null || item.clinicalOutcome === null || item.timeSaved === null || item.evidenceStrength === null) return `Clinical impact = (${weights}) × 20, each input 0–5, out of 100. Some inputs are not set yet.`
  return `Clinical impact = ${explainClinicalImpact({ patientSafety: item.patientSafety, clinicalOutcome: item.clinicalOutcome, timeSaved: item.timeSaved, evidenceStrength: item.evidenceStrength })}`
}

/** Every scoring framework of the item with its inputs, the formula worked through, and where each input comes from. */
export function ScorePanel(props: Props) {
  const { item, canEdit } = props
  const quadrant = item.value !== null && item.risk !== null ? valueRiskQuadrant(item.value, item.risk) : null
  return (
    <div className="space-y-6">
      <Framework id="rice-heading" title="RICE" score={<>Score <strong className="tabular-nums">{item.riceScore === null ? 'not computed' : formatNumber(item.riceScore, { digits: 2 })}</strong></>} formula={riceFormula(item)}>
        <Inputs {...props} inputs={['reach', 'impact', 'confidence']} />
        <p className="text-sm text-ink-muted">Effort: {item.effort === null ? 'not estimated' : `${formatNumber(item.effort)} person-weeks`} (set under Details).</p>
      </Framework>

      <Framework id="moscow-heading" title="MoSCoW" score={<strong>{item.moscow ? MOSCOW_WORDS[item.moscow as Moscow] ?? item.moscow : 'Not decided'}</strong>} formula="Must, should, could or won’t have, for the item’s release: a category the PM decides, not a number.">
        {canEdit && <MoscowForm id={item.id} version={item.version} moscow={(item.moscow as Moscow | null) ?? null} />}
      </Framework>

      <Framework
        id="value-risk-heading"
        title="Value vs risk"
        score={quadrant ? <Badge tone="accent">{QUADRANT_WORDS[quadrant]}</Badge> : 'No quadrant yet'}
        formula={
          quadrant
            ? `Value ${item.value} and risk ${item.risk} (0–10 each; 5 and above counts as high) place it in “${QUADRANT_WORDS[quadrant]}”.`
            : 'Value and risk, 0–10 each, place the item in a 2×2 at the midpoint 5: quick win, strategic bet, fill-in or avoid.'
        }
      >
        <Inputs {...props} inputs={['value', 'risk']} />
      </Framework>

      <Framework id="clinical-heading" title="Clinical impact" score={<>Score <strong className="tabular-nums">{item.clinicalScore === null ? 'not computed' : `${formatNumber(item.clinicalScore, { digits: 1 })} of 100`}</strong></>} formula={clinicalFormula(item)}>
        <Inputs {...props} inputs={['patientSafety', 'clinicalOutcome', 'timeSaved', 'evidenceStrength']} />
      </Framework>
    </div>
  )
}
