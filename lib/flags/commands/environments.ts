/**
 * Commands on a flag's environment: edit its configuration, toggle its kill switch, and `proposeOrApply`,
 * which every gated environment change (rollouts too) goes through. Production changes to gated flags
 * (hipaa / clinical decision support / diagnostic) become change requests a second person approves
 * (4-eyes); missing compliance evidence answers 403 naming the gate. Safety actions (kill switch on, pause,
 * roll back, switching off) are never held up.
 *
 * Following a kill-switch toggle: lib/flags/actions.ts (defineAction: session, permission, validate) →
 * setKillSwitch here (authorize, one transaction: lock/load, gate decision, write, record history+audit,
 * bump version) → back.
 */
import type { Actor } from '@/lib/auth/actor'
import type { Flag, FlagEnvironment } from '../../generated/prisma/client'
import { changePermission, type ChangeOutcome, type ChangePayload, type EnvironmentConfig } from '../schema'
import { planChange } from './change-plans'
import { authorizeEdit, decideGate, flagTransaction, loadEnvironment, loadFlag, requestChange, type CommandContext } from './records'

/**
 * Applies the change now, or files it as a change request when 4-eyes applies. `payload` may be worked out
 * from the locked rows (e.g. the flag's "on" variant), inside the same transaction.
 */
export async function proposeOrApply(
  actor: Actor,
  flagKey: string,
  environment: string,
  payload: ChangePayload | ((flag: Flag, row: FlagEnvironment) => ChangePayload),
  ctx: CommandContext,
  opts: { safety?: boolean; permission?: 'flag:edit' | 'flag:emergency' } = {},
): Promise<ChangeOutcome> {
  const env = authorizeEdit(actor, environment, opts.permission)
  return flagTransaction(async (tx) => {
    const flag = await loadFlag(tx, flagKey, true)
    const row = await loadEnvironment(tx, flag, env)
    const change = typeof payload === 'function' ? payload(flag, row) : payload
    const plan = await planChange(tx, flag, row, change, ctx)
    const decision = opts.safety ? 'apply' : await decideGate(tx, flag, env, plan.next)
    if (decision === 'approval') {
      const id = await requestChange(tx, actor, flag, env, change, '', ctx)
      return { applied: false, changeRequestId: id }
    }
    await plan.apply(actor)
    return { applied: true }
  })
}

export async function updateEnvironment(actor: Actor, flagKey: string, environment: string, config: EnvironmentConfig, ctx: CommandContext = {}): Promise<ChangeOutcome> {
  return proposeOrApply(actor, flagKey, environment, { kind: 'environment', config }, ctx)
}

/**
 * Kill switch (flag:emergency): turning it on is a safety action and always applies at once; turning it
 * off is gated.
 */
export async function setKillSwitch(actor: Actor, flagKey: string, environment: string, killed: boolean, ctx: CommandContext = {}): Promise<ChangeOutcome> {
  return proposeOrApply(actor, flagKey, environment, { kind: 'kill_switch', killed }, ctx, { safety: killed, permission: changePermission('kill_switch') })
}
