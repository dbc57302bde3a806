import { describe, expect, it } from 'vitest'
import { applyRefusal, approveRefusal } from './four-eyes'

const A = 'requester'
const B = 'approver'
const C = 'third'
const E = 'editor'

describe('approveRefusal', () => {
  it.each([
    [A, [], 'requester'],
    [E, [E], 'editor'],
    [A, [A], 'requester'],
    [B, [E], null],
    [B, [], null],
  ] as const)('%s with editors %j → %s', (who, editors, expected) => {
    expect(approveRefusal({ requestedById: A, editorIds: editors }, who)).toBe(expected)
  })
})

describe('applyRefusal', () => {
  const approved = { requestedById: A, editorIds: [] as string[], status: 'approved', approvedById: B, approvedHash: 'h1' }
  it.each([
    ['the requester applies B’s approval', approved, A, null],
    ['a third person applies B’s approval', approved, C, null],
    ['the approver applies their own approval', approved, B, 'approver_is_applier'],
    ['pending', { ...approved, status: 'pending', approvedById: null, approvedHash: null }, A, 'not_approved'],
    ['approved without an approver', { ...approved, approvedById: null }, A, 'not_approved'],
    ['the payload changed after approval', { ...approved, approvedHash: 'h0' }, A, 'approval_changed'],
    ['approved by an editor', { ...approved, editorIds: [B] }, A, 'approver_is_author'],
    ['approved by the requester', { ...approved, approvedById: A }, C, 'approver_is_author'],
  ] as const)('%s', (_name, cr, applier, expected) => {
    expect(applyRefusal(cr, 'h1', applier)).toBe(expected)
  })
})
