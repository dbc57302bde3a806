import { afterAll, inject, vi } from 'vitest'

process.env.DATABASE_URL = inject('databaseUrl')

// Route handlers and actions ask lib/auth/session for the user; tests choose it with signInAs().
vi.mock('@/lib/auth/session', async () => {
  const state = await import('./session-state')
  return { getSessionUser: async () => state.currentSessionUser() }
})

afterAll(async () => {
  const { closeDb } = await import('@/lib/db')
  await closeDb()
})
