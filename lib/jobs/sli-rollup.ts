/** Every minute: raw SLI events and health-probe results → per-SLO, per-minute rollups (lib/slo/rollup.ts). */
import { rollupSliEvents } from '../slo/rollup'
import type { JobDefinition } from './types'

export const sliRollup: JobDefinition = {
  name: 'sli-rollup',
  schedule: '* * * * *',
  description: 'Rolls new SLI events and health-probe results up into per-minute good/total counts per SLO (incremental, by id watermark).',
  async run({ signal }) {
    const r = await rollupSliEvents({ signal })
    return { events: r.events, probeResults: r.probeResults, rows: r.rows, batches: r.batches, watermark: r.watermark }
  },
}
