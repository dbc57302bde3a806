/**
 * The committed widget is what the sources build to (a clean clone serves the same file; rebuild with
 * `npm run build:widget`), it stays within the 15 kB gzipped, and its SRI hash in
 * lib/feedback/widget-integrity.ts matches the file served.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bundleWidget, gzipBytes, integrityModule, INTEGRITY_OUT, sriOf, WIDGET_OUT } from '@/scripts/build-widget'
import { WIDGET_GZIP_BYTES, WIDGET_SRI } from '@/lib/feedback/widget-integrity'
import { backoffMs } from './src/store'

describe('public/widget.js', () => {
  it('is up to date with widget/src (run npm run build:widget after changing it)', async () => {
    const built = await bundleWidget()
    expect(readFileSync(WIDGET_OUT, 'utf8') === built, 'public/widget.js differs from a fresh build').toBe(true)
    expect(readFileSync(INTEGRITY_OUT, 'utf8')).toBe(integrityModule(built))
  })

  it('is at most 15 kB gzipped', () => {
    const code = readFileSync(WIDGET_OUT, 'utf8')
    expect(gzipBytes(code)).toBeLessThanOrEqual(15 * 1024)
    expect(WIDGET_GZIP_BYTES).toBe(gzipBytes(code))
  })

  it('carries the SRI hash the admin snippet prints', () => {
    expect(WIDGET_SRI).toBe(sriOf(readFileSync(WIDGET_OUT, 'utf8')))
    expect(WIDGET_SRI).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/)
  })

  it('uses no framework and touches nothing global but window.Wardroom', () => {
    const code = readFileSync(WIDGET_OUT, 'utf8')
    expect(code).not.toMatch(/react|preact|__vue/i)
    expect(code).toContain('attachShadow')
  })
})

describe('retry backoff', () => {
  it.each([
    [1, 0.5, 2000],
    [2, 0.5, 4000],
    [3, 0.5, 8000],
    [6, 0.5, 60_000], // 64 s capped at a minute
    [20, 0.5, 60_000],
    [1, 0, 1600], // −20 % jitter
    [1, 1, 2400], // +20 % jitter
  ])('attempt %i (random %f) waits %i ms', (attempts, random, ms) => {
    expect(backoffMs(attempts, random)).toBe(ms)
  })
})
