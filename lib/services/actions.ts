'use server'
/** Server actions of the service catalogue: each adapts its form to a command (commands.ts), then revalidates. */
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { defineAction } from '../auth/guard'
import { createService, deleteService, setServiceArchived, updateService } from './commands'
import { CreateServiceInput, ServiceIdInput, UpdateServiceInput } from './schema'

const PATH = '/services'
const servicePath = (key: string) => `${PATH}/${encodeURIComponent(key)}`

export const createServiceAction = defineAction('service:manage', CreateServiceInput, async (input, { actor }) => {
  const row = await createService(actor, input)
  revalidatePath(PATH)
  return { ok: true, status: 201, message: `${row.name} was added to the catalogue.`, data: { key: row.key } }
})

export const updateServiceAction = defineAction('service:manage', UpdateServiceInput, async (input, { actor }) => {
  const row = await updateService(actor, input)
  revalidatePath(PATH)
  revalidatePath(servicePath(row.key))
  return { ok: true, status: 200, message: `${row.name} was saved.`, data: { key: row.key } }
})

const ArchiveInput = ServiceIdInput.extend({ archived: z.boolean() })

export const setServiceArchivedAction = defineAction('service:manage', ArchiveInput, async ({ id, archived }, { actor }) => {
  const { name, changed } = await setServiceArchived(actor, id, archived)
  revalidatePath(PATH, 'layout')
  const state = archived ? 'archived' : 'back in the catalogue'
  return { ok: true, status: 200, message: changed ? `${name} is ${state}.` : `${name} was already ${state}.` }
})

export const deleteServiceAction = defineAction('service:manage', ServiceIdInput, async ({ id }, { actor }) => {
  const { name } = await deleteService(actor, id)
  revalidatePath(PATH)
  return { ok: true, status: 200, message: `${name} was deleted.` }
})
