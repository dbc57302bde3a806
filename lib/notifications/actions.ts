'use server'
/**
 * Server actions of the channels admin page: each adapts its form to a command (commands.ts: authorise,
 * write and audit in one transaction) with defineAction (session → permission → validate → run), then revalidates.
 */
import { revalidatePath } from 'next/cache'
import { defineAction, type FormState } from '../auth/guard'
import { deleteChannel, deliverChannelNow, saveChannel, sendTestMessage, setChannelEnabled, type DeliverNowResult } from './commands'
import { ChannelEnabledInput, ChannelForm, ChannelIdInput } from './schema'

const PATH = '/admin/channels'

export const saveChannelAction = defineAction('notification:manage', ChannelForm, async (input, { actor }): Promise<FormState<{ id: string }>> => {
  const { id, created } = await saveChannel(actor, input)
  revalidatePath(PATH)
  return { ok: true, status: created ? 201 : 200, message: created ? `Channel ${input.name} was added.` : `Channel ${input.name} was saved.`, data: { id } }
})

export const setChannelEnabledAction = defineAction('notification:manage', ChannelEnabledInput, async ({ id, enabled }, { actor }) => {
  const { name, changed } = await setChannelEnabled(actor, id, enabled)
  revalidatePath(PATH)
  const state = enabled ? 'enabled' : 'disabled'
  return { ok: true, status: 200, message: changed ? `${name} is now ${state}.` : `${name} was already ${state}.` }
})

export const deleteChannelAction = defineAction('notification:manage', ChannelIdInput, async ({ id }, { actor }) => {
  const { name } = await deleteChannel(actor, id)
  revalidatePath(PATH)
  return { ok: true, status: 200, message: `Channel ${name} was deleted.` }
})

export interface TestMessageData {
  delivered: boolean
  status?: number
}

export const sendTestMessageAction = defineAction('notification:manage', ChannelIdInput, async ({ id }, { actor }): Promise<FormState<TestMessageData>> => {
  const result = await sendTestMessage(actor, id)
  revalidatePath(PATH)
  const detail = result.status !== undefined ? ` (${result.status})` : ''
  return {
    ok: result.ok,
    status: result.ok ? 200 : 502,
    message: result.ok ? `Test message delivered${detail}.` : `Test message failed: ${result.error ?? 'unknown error'}${detail && !result.error?.includes(String(result.status)) ? detail : ''}.`,
    data: { delivered: result.ok, ...(result.status !== undefined ? { status: result.status } : {}) },
  }
})

/** What "deliver now" did, in one sentence. */
function deliverNowMessage(r: DeliverNowResult): string {
  if (r.waiting === 0 && r.attempted === 0) return `Nothing was waiting for ${r.name}.`
  const sent = `${r.delivered} of ${r.waiting} waiting message${r.waiting === 1 ? '' : 's'} delivered to ${r.name}`
  if (r.stillWaiting === 0) return `${sent}.`
  return `${sent}; ${r.stillWaiting} still waiting${r.lastError ? ` (${r.lastError})` : ''}.`
}

export interface DeliverNowData {
  delivered: number
  stillWaiting: number
}

export const deliverChannelNowAction = defineAction('notification:manage', ChannelIdInput, async ({ id }, { actor }): Promise<FormState<DeliverNowData>> => {
  const result = await deliverChannelNow(actor, id)
  revalidatePath(PATH)
  return { ok: result.stillWaiting === 0, status: 200, message: deliverNowMessage(result), data: { delivered: result.delivered, stillWaiting: result.stillWaiting } }
})
