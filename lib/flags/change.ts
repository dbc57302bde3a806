/** Pure helpers for change requests: the payload hash that approval pins, and a one-line summary. */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../audit'
import type { ChangePayload, Serve } from './schema'

/** sha256 of the canonical payload: stored at approval; a different hash at apply means it was edited. */
export function payloadHash(payload: ChangePayload): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex')
}

export function describeServe(serve: Serve): string {
  if ('variant' in serve) return `serve ${serve.variant}`
  return serve.split.map((p) => `${p.variant} ${p.weight} %`).join(' / ')
}

/** What a change request proposes, in a few words (no targeting values: they may identify people). */
export function describeChange(payload: ChangePayload): string {
  switch (payload.kind) {
    case 'environment': {
      const c = payload.config
      if (!c.enabled) return 'Turn the flag off'
      const rules = c.rules.length ? `, ${c.rules.length} targeting rule${c.rules.length === 1 ? '' : 's'}` : ''
      return `Turn on: default ${describeServe(c.defaultServe)}${rules}`
    }
    case 'rollout_start':
      return `Start a rollout of ${payload.rollout.variant} (${(payload.rollout.stages ?? [5, 25, 50, 100]).join(' → ')} %)`
    case 'rollout_resume':
      return 'Resume the rollout'
    case 'kill_switch':
      return payload.killed ? 'Turn the kill switch on' : 'Turn the kill switch off'
    case 'percentage': {
      const users = payload.targetUsers?.length ? ` and ${payload.targetUsers.length} targeted user${payload.targetUsers.length === 1 ? '' : 's'}` : ''
      return `Serve ${payload.variant} to ${payload.percentage} %${users}`
    }
    case 'flag_update':
      return `Change ${Object.keys(payload.update).join(', ') || 'nothing'}`
    case 'rollout_edit': {
      const e = payload.edit
      const parts = [
        e.stages ? `stages ${e.stages.join(' → ')} %` : null,
        e.stageIntervalHours !== undefined ? `${e.stageIntervalHours} h between stages` : null,
        e.violationThreshold !== undefined ? `roll back after more than ${e.violationThreshold} violations` : null,
      ].filter(Boolean)
      return `Change the rollout plan: ${parts.join(', ')}`
    }
  }
}
