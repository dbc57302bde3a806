import { afterAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { registerJob } from './registry'
import { runJobNow } from './actions'

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))

const job = { name: uid('test-action'), schedule: '0 0 1 1 *', description: 'test', run: async () => ({ n: 1 }) }
const unregister = registerJob(job)
afterAll(() => {
  unregister()
  signOut()
})

describe('runJobNow', () => {
  it('runs the job for an admin with trigger manual and audits job.run', async () => {
    const admin = await createUser('admin')
    signInAs(admin)
    const state = await runJobNow({ name: job.name })
    expect(state).toMatchObject({ ok: true, data: { status: 'ok' } })
    expect(await db.jobRun.findMany({ where: { job: job.name }, select: { trigger: true, status: true } })).toEqual([{ trigger: 'manual', status: 'ok' }])
    const entry = await db.auditLog.findFirst({ where: { action: 'job.run', targetId: job.name } })
    expect(entry).toMatchObject({ actorType: 'user', actorId: admin.id, targetType: 'job', summary: { status: 'ok' } })
  })

  it('refuses a role that may only read jobs', async () => {
    signInAs(await createUser('ops'))
    expect(await runJobNow({ name: job.name })).toMatchObject({ ok: false, status: 403 })
  })

  it('answers 404 for an unknown job and 422 for a missing name', async () => {
    signInAs(await createUser('admin'))
    expect(await runJobNow({ name: 'no-such-job' })).toMatchObject({ ok: false, status: 404 })
    expect(await runJobNow({})).toMatchObject({ ok: false, status: 422 })
  })
})
