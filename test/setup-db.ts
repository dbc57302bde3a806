import { afterAll, inject, vi } from 'vitest'

process.env.DATABASE_URL = inject('databaseUrl')
// Audit checkpoints of this run: a key and an anchor file of its own (never the developer's .data).
process.env.WARDROOM_AUDIT_KEY = inject('auditKey')
process.env.WARDROOM_AUDIT_ANCHOR = inject('auditAnchor')

// Route handlers and actions ask lib/auth/session for the user; tests choose it with signInAs().
vi.mock('@/lib/auth/session', async () => {
  const state = await import('./session-state')
  return { getSessionUser: async () => state.currentSessionUser() }
})

afterAll(async () => {
  const { closeDb } = await import('@/lib/db')
  await closeDb()
})
