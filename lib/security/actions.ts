'use server'
/** Server actions of Admin → Security: the rules' settings form. */
import { revalidatePath } from 'next/cache'
import { defineAction } from '@/lib/auth/guard'
import { updateSecuritySettings } from './commands'
import { SecuritySettingsInput } from './settings'

const SECURITY_PATH = '/admin/security'

export const updateSecuritySettingsAction = defineAction('security:manage', SecuritySettingsInput, async (input, { actor }) => {
  const { changed } = await updateSecuritySettings(actor, input)
  revalidatePath(SECURITY_PATH)
  if (changed.length === 0) return { ok: true, message: 'Nothing changed.' }
  return { ok: true, message: `Saved: ${changed.length} ${changed.length === 1 ? 'setting' : 'settings'} changed. The next scan uses them.` }
})
