/** The quarterly review's CSV download: the stored review for a reader, 404 for a quarter without one, 401 signed out. */
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createUser, request, routeParams } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { GET } from './route'

afterEach(() => signOut())

describe('GET /api/roadmap/reviews/[quarter]/csv', () => {
  it('answers a reader with the stored review', async () => {
    const quarter = `${2900 + Math.floor(Math.random() * 90)}-Q3`
    await db.roadmapReview.upsert({
      where: { quarter },
      create: { quarter, periodFrom: new Date(), periodTo: new Date(), planned: 4, delivered: 3, predictability: 75, report: { items: [], stageChanges: [] } },
      update: {},
    })
    signInAs(await createUser('viewer'))
    const res = await GET(request(`/api/roadmap/reviews/${quarter}/csv`), routeParams({ quarter }))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="wardroom-roadmap-review-${quarter}.csv"`)
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[1]).toMatch(new RegExp(`^summary,${quarter},,,3,.*,4,75$`))
  })

  it('404s for a quarter without a review and 401s signed out', async () => {
    signInAs(await createUser('clinician'))
    expect((await GET(request('/api/roadmap/reviews/1999-Q1/csv'), routeParams({ quarter: '1999-Q1' }))).status).toBe(404)
    signOut()
    expect((await GET(request('/api/roadmap/reviews/1999-Q1/csv'), routeParams({ quarter: '1999-Q1' }))).status).toBe(401)
  })
})
