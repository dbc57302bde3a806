/** The answers of the flag gates: 403 naming the missing compliance evidence, 409 when 4-eyes holds a change. */
import { ApiError, conflict } from '@/lib/errors'
import { GATE_LABELS } from './gates'
import type { ComplianceKind } from './schema'

export function complianceBlocked(flagKey: string, missing: ComplianceKind[]): ApiError {
  const names = missing.map((m) => `${GATE_LABELS[m]} (${m})`).join(', ')
  return new ApiError(403, 'compliance_gate', `Blocked by compliance gate: flag "${flagKey}" needs ${names} before it may serve in production`, {
    gate: missing,
  })
}

export function approvalRequired(flagKey: string, changeRequestId: string): ApiError {
  return conflict(
    `Needs approval (four_eyes): production changes to gated flag "${flagKey}" wait for a second person; change request ${changeRequestId} is pending`,
    { gate: ['four_eyes'], changeRequestId: [changeRequestId] },
  )
}
