/**
 * The funnel builder server-rendered: every control has a label, each order mode its line of explanation,
 * the experiment picker comes with the flag breakdown, and a link's problems stand under their fields.
 */
import { describe, expect, it, vi } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import type { WorkflowDefinition } from '@/lib/analytics/workflow-schema'
import { FIXTURE_QUERY } from '@/test/funnel-fixtures'
import { FunnelBuilder } from './funnel-builder'
import { initialDraft, type FunnelDraft } from './funnel-builder-state'
import { ORDER_MODE_HINTS } from './funnel-display'

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: () => {}, replace: () => {} }) }))

const NOW = new Date('2030-03-11T12:00:00.000Z')
const workflow: WorkflowDefinition = { key: 'diagnosis_workflow', name: 'AI-assisted diagnosis', steps: FIXTURE_QUERY.steps, conversionWindowMs: 3_600_000, orderMode: 'ordered', exclusions: [] }
const catalogue = { diagnosis_started: { entry: 'string' as const }, ai_suggestion_viewed: {}, diagnosis_completed: { outcome: 'string' as const } }
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

function render(draft: Partial<FunnelDraft> = {}, urlErrors?: Record<string, string[]>) {
  return renderToStaticMarkup(
    <FunnelBuilder
      initial={{ ...initialDraft(workflow, NOW, 'UTC'), ...draft }}
      workflows={[workflow]}
      catalogue={catalogue}
      experiments={[{ key: 'dx_panel', name: 'Diagnosis panel layout' }]}
      timeZone="UTC"
      urlErrors={urlErrors}
      k={11}
    />,
  )
}

describe('FunnelBuilder', () => {
  it('labels every control', () => {
    const html = render()
    const ids = [...html.matchAll(/<(?:input|select)[^>]*\bid="([^"]+)"/g)].map((m) => m[1])
    const radios = [...html.matchAll(/<input type="radio"/g)]
    expect(ids.length).toBeGreaterThan(10)
    for (const id of ids) expect(html, id).toContain(`for="${id}"`)
    // Radios are inside their labels.
    expect(radios).toHaveLength(3)
    expect(text(html)).toContain('Step 3 event')
    expect(text(html)).toContain('Start from a workflow')
  })

  it('explains each step order in a line', () => {
    const words = text(render())
    for (const hint of Object.values(ORDER_MODE_HINTS)) expect(words).toContain(hint)
  })

  it('fills the steps from the workflow and lists the registered events', () => {
    const html = render()
    expect(html).toContain('<option value="diagnosis_workflow" selected="">AI-assisted diagnosis</option>')
    expect(html).toMatch(/<option value="diagnosis_completed" selected="">diagnosis_completed<\/option>/)
    expect(html).toContain('value="outcome=confirmed"')
    expect(text(html)).toContain('Filter on outcome (string)')
  })

  it('offers the experiments only with the flag breakdown', () => {
    expect(text(render())).not.toContain('Diagnosis panel layout')
    expect(text(render({ breakdown: 'flag' }))).toContain('Diagnosis panel layout (dx_panel)')
  })

  it('shows a link’s problems under their fields, with the controls marked invalid', () => {
    const html = render({}, { window: ['The conversion window is 1 second to 30 days'], 'steps.1.event': ['Choose an event'] })
    expect(text(html)).toContain('The conversion window is 1 second to 30 days')
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(2)
    // The page says above the form that the link's funnel could not be shown; the form repeats it only after a submit.
    expect(text(html)).not.toContain('the fields marked in red say what to change')
  })

  it('shows custom dates only for a custom range', () => {
    expect(text(render())).not.toContain('First day')
    expect(text(render({ range: 'custom' }))).toContain('Whole days in UTC.')
  })
})
