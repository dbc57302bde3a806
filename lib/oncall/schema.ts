/**
 * Input schemas of on-call schedules, overrides, escalation policies and maintenance windows, shared by
 * the server actions, the forms and the escalation job (which reads stored policy JSON through them).
 */
import { z } from 'zod'
import { DAY_MS, isValidTimeZone, parseHandoffTime, parseLocalDate } from '@/lib/time'
import { redact } from '@/lib/phi/redact'
import { SEVERITIES } from '@/lib/severity'
import { MAX_DURATION_MINUTES, MAX_RRULE_LENGTH, normaliseRrule } from './recurrence'

export const ROTATIONS = ['daily', 'weekly'] as const
export const TARGET_TYPES = ['user', 'schedule'] as const

export const MAX_DELAY_MINUTES = 24 * 60
export const MAX_OVERRIDE_DAYS = 90
export const MAX_MAINTENANCE_DAYS = 30

/** A list from a form: an array, or one comma-separated string. */
function listOf(value: unknown): unknown {
  if (typeof value !== 'string') return value
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Free text typed by staff: PHI redacted before it is stored. */
const Reason = z
  .string()
  .trim()
  .max(200, 'Keep the reason under 200 characters')
  .transform((s) => redact(s))
  .default('')

/** An instant with an explicit zone (ISO 8601 with Z or an offset), or a Date: never the server's local time. */
const Instant = z.union(
  [z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))],
  'Give a date and time with its time zone',
)

const Name = z.string().trim().min(1, 'Give a name').max(80, 'Keep the name under 80 characters')
const Id = (message: string) => z.uuid(message)

export const ScheduleInput = z.object({
  name: Name,
  timezone: z.string().trim().refine(isValidTimeZone, 'Choose a known IANA time zone, e.g. Europe/Berlin'),
  rotation: z.enum(ROTATIONS, 'Choose daily or weekly'),
  handoffTime: z.string().trim().refine((s) => parseHandoffTime(s) !== null, 'Give the handoff time as HH:MM (24 h)'),
  startDate: z.string().trim().refine((s) => parseLocalDate(s) !== null, 'Give the start date as YYYY-MM-DD'),
  participantIds: z.preprocess(
    listOf,
    z
      .array(Id('Choose people from the list'))
      .min(1, 'Add at least one person to the rotation')
      .max(50, 'A rotation has at most 50 people')
      .refine((ids) => new Set(ids).size === ids.length, 'Each person appears once in a rotation'),
  ),
})
export type ScheduleInput = z.infer<typeof ScheduleInput>

export const UpdateScheduleInput = ScheduleInput.extend({ scheduleId: Id('Choose a schedule') })
export type UpdateScheduleInput = z.infer<typeof UpdateScheduleInput>

export const ScheduleRef = z.object({ scheduleId: Id('Choose a schedule') })

/** The fields of a time range with a reason (override, maintenance window). */
const RangeFields = { startsAt: Instant, endsAt: Instant, reason: Reason }

/** A time range's rules: the end after the start, and at most `maxDays` long (`what` names it in the message). */
function timeRange<S extends z.ZodType<{ startsAt: Date; endsAt: Date }>>(schema: S, maxDays: number, what: string) {
  return schema
    .refine((r) => r.endsAt > r.startsAt, { path: ['endsAt'], message: 'The end must be after the start' })
    .refine((r) => r.endsAt.getTime() - r.startsAt.getTime() <= maxDays * DAY_MS, { path: ['endsAt'], message: `${what} lasts at most ${maxDays} days` })
}

export const OverrideInput = timeRange(
  z.object({ scheduleId: Id('Choose a schedule'), userId: Id('Choose who covers'), ...RangeFields }),
  MAX_OVERRIDE_DAYS,
  'An override',
)
export type OverrideInput = z.infer<typeof OverrideInput>

export const OverrideRef = z.object({ overrideId: Id('Choose an override') })

const DelayMinutes = z.coerce.number().int('Whole minutes').min(0, 'No negative delays').max(MAX_DELAY_MINUTES, 'At most 24 hours')

export const EscalationTarget = z.object({
  type: z.enum(TARGET_TYPES, 'A target is a user or a schedule'),
  id: Id('Choose a user or schedule'),
})
export type EscalationTarget = z.infer<typeof EscalationTarget>

/**
 * One level. `delayMinutes`: minutes after the previous level was paged (without acknowledgement) before
 * this level is paged; for the first level, minutes after the severity delay (normally 0).
 */
export const EscalationLevel = z.object({
  delayMinutes: DelayMinutes,
  targets: z.array(EscalationTarget).min(1, 'Each level pages at least one user or schedule').max(10, 'At most 10 targets a level'),
})
export type EscalationLevel = z.infer<typeof EscalationLevel>

export const EscalationLevels = z.array(EscalationLevel).min(1, 'Add at least one level').max(10, 'At most 10 levels')

/** Minutes before the first page per severity; a severity left out never pages. Blank form fields count as left out. */
export const SeverityDelays = z.preprocess(
  (value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== null && v !== undefined))
      : value,
  z.partialRecord(z.enum(SEVERITIES), DelayMinutes),
)
export type SeverityDelays = z.infer<typeof SeverityDelays>

/** Critical incidents climb at most this many minutes apart (the guide's "emergency 15 min"); blank = off. */
export const EmergencyInterval = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z.coerce.number().int('Whole minutes').min(1, 'At least 1 minute').max(MAX_DELAY_MINUTES, 'At most 24 hours').nullable(),
)

export const EscalationPolicyInput = z.object({
  name: Name,
  levels: EscalationLevels,
  severityDelays: SeverityDelays.default({}),
  emergencyIntervalMinutes: EmergencyInterval.default(null),
})
export type EscalationPolicyInput = z.infer<typeof EscalationPolicyInput>

export const UpdateEscalationPolicyInput = EscalationPolicyInput.extend({ policyId: Id('Choose a policy') })
export type UpdateEscalationPolicyInput = z.infer<typeof UpdateEscalationPolicyInput>

export const MaintenanceInput = timeRange(z.object({ serviceId: Id('Choose a service'), ...RangeFields }), MAX_MAINTENANCE_DAYS, 'A maintenance window')
export type MaintenanceInput = z.infer<typeof MaintenanceInput>

export const MaintenanceRef = z.object({ windowId: Id('Choose a maintenance window') })

/**
 * A recurring maintenance schedule: an RRULE body in UTC (checked against the clock by the command, which
 * answers a field error on `rrule`), a duration, and one service or every service (blank `serviceId`).
 */
export const MaintenanceScheduleInput = z.object({
  serviceId: z.preprocess((v) => (v === '' || v === 'all' || v === undefined ? null : v), Id('Choose a service or every service').nullable()),
  rrule: z.string().trim().min(1, 'Give a rule, e.g. FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0').max(MAX_RRULE_LENGTH, `Keep the rule under ${MAX_RRULE_LENGTH} characters`).transform(normaliseRrule),
  durationMinutes: z.coerce.number().int('Whole minutes').min(5, 'At least 5 minutes').max(MAX_DURATION_MINUTES, 'At most 24 hours'),
  reason: Reason,
})
export type MaintenanceScheduleInput = z.infer<typeof MaintenanceScheduleInput>

export const UpdateMaintenanceScheduleInput = MaintenanceScheduleInput.extend({ scheduleId: Id('Choose a maintenance schedule') })
export type UpdateMaintenanceScheduleInput = z.infer<typeof UpdateMaintenanceScheduleInput>

export const MaintenanceScheduleRef = z.object({ scheduleId: Id('Choose a maintenance schedule') })
