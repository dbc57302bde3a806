import { describe, expect, it } from 'vitest'
import { checkUndoResolve, RESOLVE_UNDO_GRACE_MS, RESOLVE_UNDO_SECONDS } from './undo'

const resolvedAt = new Date('2026-03-01T10:00:00.000Z')
const after = (ms: number) => new Date(resolvedAt.getTime() + ms)
const resolved = { status: 'resolved' as const, resolvedAt }
const byPriya = (data: Record<string, unknown>) => ({ actorLabel: 'priya@example.org', data })

describe('checkUndoResolve', () => {
  it('lets the person who resolved it undo within the offer and a little slack, back to where it was', () => {
    expect(RESOLVE_UNDO_GRACE_MS).toBeGreaterThan(RESOLVE_UNDO_SECONDS * 1000)
    const last = byPriya({ from: 'acknowledged', to: 'resolved', reason: 'Restarted the bridge' })
    expect(checkUndoResolve(resolved, last, 'priya@example.org', after(3_000))).toEqual({ ok: true, from: 'acknowledged', nextEscalationAt: null })
    expect(checkUndoResolve(resolved, last, 'priya@example.org', after(RESOLVE_UNDO_GRACE_MS))).toMatchObject({ ok: true })
    expect(checkUndoResolve(resolved, last, 'priya@example.org', after(RESOLVE_UNDO_GRACE_MS + 1))).toEqual({ ok: false, reason: 'too_late' })
  })

  it('gives back the escalation clock of an incident resolved before anyone acknowledged it', () => {
    const last = byPriya({ from: 'triggered', to: 'resolved', nextEscalationAt: '2026-03-01T10:05:00.000Z' })
    expect(checkUndoResolve(resolved, last, 'priya@example.org', after(1_000))).toEqual({
      ok: true,
      from: 'triggered',
      nextEscalationAt: new Date('2026-03-01T10:05:00.000Z'),
    })
    const garbled = byPriya({ from: 'triggered', to: 'resolved', nextEscalationAt: 'soon' })
    expect(checkUndoResolve(resolved, garbled, 'priya@example.org', after(1_000))).toMatchObject({ ok: true, nextEscalationAt: null })
  })

  it.each([
    ['an open incident', { status: 'acknowledged' as const, resolvedAt: null }, byPriya({ from: 'triggered', to: 'acknowledged' }), 'priya@example.org', 'not_resolved'],
    ['an automatic resolution', resolved, byPriya({ from: 'triggered', to: 'resolved', auto: true }), 'priya@example.org', 'not_by_hand'],
    ['a reopen as the last move', resolved, byPriya({ from: 'resolved', to: 'triggered', reopened: true }), 'priya@example.org', 'not_by_hand'],
    ['no status entry at all', resolved, null, 'priya@example.org', 'not_by_hand'],
    ['someone else', resolved, byPriya({ from: 'investigating', to: 'resolved' }), 'tomas@example.org', 'someone_else'],
  ])('refuses %s', (_, incident, last, actor, reason) => {
    expect(checkUndoResolve(incident, last, actor, after(1_000))).toEqual({ ok: false, reason })
  })
})
