/** The SLA report's CSV download: one row per priority, 422 for an unknown range, 403 without feedback:read. */
import { afterEach, describe, expect, it } from 'vitest'
import { createUser, request } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { GET } from './route'

afterEach(() => signOut())

describe('GET /api/feedback/sla/csv', () => {
  it('answers a reader with the report per priority', async () => {
    signInAs(await createUser('viewer'))
    const res = await GET(request('/api/feedback/sla/csv?days=7'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="wardroom-feedback-sla-\d{4}-\d{2}-\d{2}-7-days\.csv"$/)
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('priority,items,met,breached,open,overdue,met_percent,median_minutes_to_triage')
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['critical', 'high', 'medium', 'low'])
  })

  it('422s for an unknown range and 403s for a clinician', async () => {
    signInAs(await createUser('viewer'))
    const bad = await GET(request('/api/feedback/sla/csv?days=5'))
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { error: { fields: object } }).error.fields).toHaveProperty('days')
    signInAs(await createUser('clinician'))
    expect((await GET(request('/api/feedback/sla/csv'))).status).toBe(403)
  })
})
