import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Cron } from 'croner'
import { describe, expect, it } from 'vitest'
import { getJob, jobNames, jobs, registerJob } from './registry'
import { describeSchedule } from './describe-schedule'
import { DEFAULT_LEASE_SECONDS } from './lease'
import { DEFAULT_TIMEOUT_SECONDS } from './runner'

describe('job registry', () => {
  it('holds the shipped jobs', () => {
    expect(jobNames()).toEqual(expect.arrayContaining(['audit-verify', 'housekeeping']))
  })

  it.each(jobs.map((j) => [j.name, j] as const))('%s has a unique kebab-case name, a valid schedule in words and a description', (name, job) => {
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    expect(jobs.filter((j) => j.name === name)).toHaveLength(1)
    expect(() => new Cron(job.schedule)).not.toThrow()
    expect(describeSchedule(job.schedule)).not.toBe('custom schedule')
    expect(job.description.length).toBeGreaterThan(10)
    expect(getJob(name)).toBe(job)
    // A run may take longer than one lease (it is renewed), never forever.
    expect(job.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS).toBeGreaterThan(0)
    expect(job.leaseSeconds ?? DEFAULT_LEASE_SECONDS).toBeGreaterThanOrEqual(1)
  })

  it('registers and removes throwaway jobs, refusing duplicate names', () => {
    const job = { name: 'test-throwaway', schedule: '0 * * * *', description: 'test', run: async () => ({}) }
    const unregister = registerJob(job)
    expect(getJob('test-throwaway')).toBe(job)
    expect(() => registerJob(job)).toThrow(/already registered/)
    expect(() => registerJob({ ...job, name: 'housekeeping' })).toThrow(/already registered/)
    unregister()
    expect(getJob('test-throwaway')).toBeUndefined()
    expect(getJob('nope')).toBeUndefined()
  })

  it('housekeeping never touches the audit trail (retained for at least six years)', () => {
    const source = readFileSync(path.join(import.meta.dirname, 'housekeeping.ts'), 'utf8')
    expect(source).not.toMatch(/auditlog/i)
  })
})
