/**
 * Input schemas and types of the incident area, shared by the ingest routes, the lifecycle functions, the
 * board's server actions and the seed. Client-safe: no server imports.
 */
import { z } from 'zod'
import { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus } from '@/lib/severity'

/** The clinical workflows a service can serve (Service.workflows, Incident.workflows). */
export const WORKFLOWS = ['emergency_triage', 'diagnosis', 'medication_review'] as const
export type Workflow = (typeof WORKFLOWS)[number]
export const WORKFLOW_LABELS: Record<Workflow, string> = {
  emergency_triage: 'Emergency triage',
  diagnosis: 'Diagnosis',
  medication_review: 'Medication review',
}
export const isWorkflow = (v: string): v is Workflow => (WORKFLOWS as readonly string[]).includes(v)

export const ALERT_SOURCES = ['api', 'alertmanager', 'pagerduty', 'probe', 'slo', 'flags', 'jobs', 'security', 'feedback'] as const
export type AlertSource = (typeof ALERT_SOURCES)[number]

export const SeveritySchema = z.enum(SEVERITIES, `Use one of ${SEVERITIES.join(', ')}`)
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES, `Use one of ${INCIDENT_STATUSES.join(', ')}`)

/**
 * Moves allowed on the board. Acknowledged and investigating may swap; an open incident cannot go back to
 * triggered (that would re-page people who already answered); resolved → triggered is a reopen.
 */
export const ALLOWED_MOVES: Record<IncidentStatus, readonly IncidentStatus[]> = {
  triggered: ['acknowledged', 'investigating', 'resolved'],
  acknowledged: ['investigating', 'resolved'],
  investigating: ['acknowledged', 'resolved'],
  resolved: ['triggered'],
}
export const canMoveIncident = (from: IncidentStatus, to: IncidentStatus): boolean => ALLOWED_MOVES[from].includes(to)

const DETAILS_MAX_KEYS = 200
const Details = z
  .record(z.string().max(200), z.unknown())
  .refine((d) => Object.keys(d).length <= DETAILS_MAX_KEYS, `At most ${DETAILS_MAX_KEYS} keys`)

const IsoTimestamp = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 timestamp, e.g. 2025-11-04T11:10:29Z' })

/** A dedup key or service key given by a machine: printable, no control characters. */
const Key = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]+$/u, 'Control characters are not allowed')

export const ServiceKey = z
  .string()
  .trim()
  .toLowerCase()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use a service key: lower-case letters, digits, . _ -')

/** POST /api/alerts: Wardroom's own alert shape. */
export const ApiAlertInput = z.object({
  severity: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(SeveritySchema),
  system: Key(100),
  message: z.string().trim().min(1, 'Say what is wrong').max(2000),
  timestamp: IsoTimestamp,
  dedupKey: Key(255).optional(),
  service: ServiceKey.optional(),
  details: Details.optional(),
})
export type ApiAlertInput = z.infer<typeof ApiAlertInput>

/** One alert of an Alertmanager webhook (version 4). */
export const AlertmanagerAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()).default({}),
  startsAt: IsoTimestamp,
  endsAt: z.string().optional(),
  generatorURL: z.string().max(2000).optional(),
  fingerprint: z.string().trim().min(1).max(128).optional(),
})
export type AlertmanagerAlert = z.infer<typeof AlertmanagerAlert>

export const ALERTMANAGER_MAX_ALERTS = 1000

/** POST /api/alerts/alertmanager: the Prometheus Alertmanager webhook payload, version "4". */
export const AlertmanagerPayload = z.object({
  version: z.literal('4', 'Only Alertmanager webhook version "4" is supported'),
  receiver: z.string().max(200).default(''),
  status: z.enum(['firing', 'resolved']),
  groupKey: z.string().min(1).max(2000),
  alerts: z.array(AlertmanagerAlert).min(1, 'At least one alert').max(ALERTMANAGER_MAX_ALERTS),
  groupLabels: z.record(z.string(), z.string()).default({}),
  commonLabels: z.record(z.string(), z.string()).default({}),
  commonAnnotations: z.record(z.string(), z.string()).default({}),
  externalURL: z.string().max(2000).optional(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
})
export type AlertmanagerPayload = z.infer<typeof AlertmanagerPayload>

export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const

/** POST /api/alerts/events/v2: the PagerDuty Events API v2 event. */
export const PagerDutyEvent = z
  .object({
    routing_key: z.string({ message: "'routing_key' is missing or blank" }).trim().min(1, "'routing_key' is missing or blank"),
    event_action: z.enum(['trigger', 'acknowledge', 'resolve'], "'event_action' must be trigger, acknowledge or resolve"),
    dedup_key: Key(255).optional(),
    client: z.string().max(200).optional(),
    client_url: z.string().max(2000).optional(),
    payload: z
      .object({
        summary: z.string().trim().min(1, "'summary' is missing or blank").max(1024),
        source: z.string().trim().min(1, "'source' is missing or blank").max(255),
        severity: z.enum(PAGERDUTY_SEVERITIES, "'severity' must be critical, error, warning or info"),
        timestamp: IsoTimestamp.optional(),
        component: z.string().max(255).optional(),
        group: z.string().max(255).optional(),
        class: z.string().max(255).optional(),
        custom_details: z.unknown().optional(),
      })
      .optional(),
    links: z.array(z.object({ href: z.string().max(2000), text: z.string().max(500).optional() })).max(50).optional(),
    images: z.array(z.object({ src: z.string().max(2000), href: z.string().max(2000).optional(), alt: z.string().max(500).optional() })).max(50).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.event_action === 'trigger' && !e.payload) ctx.addIssue({ code: 'custom', path: ['payload'], message: "'payload' is missing" })
    if (e.event_action !== 'trigger' && !e.dedup_key) {
      ctx.addIssue({ code: 'custom', path: ['dedup_key'], message: `'dedup_key' is required to ${e.event_action}` })
    }
  })
export type PagerDutyEvent = z.infer<typeof PagerDutyEvent>

/**
 * An alert from any source, in one shape, as ingestAlert takes it. Free text is redacted by ingestAlert
 * before storage, so callers pass what they received. Without a dedupKey the stable hash of service,
 * system and message is used (dedup.ts).
 */
export const NormalizedAlert = z.object({
  source: z.enum(ALERT_SOURCES),
  severity: SeveritySchema,
  system: z.string().trim().min(1).max(200),
  message: z.string().trim().min(1).max(2000),
  occurredAt: z.date(),
  dedupKey: z.string().trim().min(1).max(255).optional(),
  /** The peer's own id of this alert (Alertmanager fingerprint, PagerDuty dedup_key). */
  fingerprint: z.string().max(255).nullish(),
  serviceKey: z.string().max(64).nullish(),
  /** Workflows the alert itself names (e.g. an Alertmanager `workflow` label), added to the service's. */
  workflows: z.array(z.string()).optional(),
  details: z.record(z.string(), z.unknown()).nullish(),
})
export type NormalizedAlert = z.input<typeof NormalizedAlert>

export const NoteText = z.string().trim().min(1, 'Write a note').max(5000)
/** What fixed it, in a sentence or two: optional, but the resolve dialog asks for it. */
export const RESOLUTION_NOTE_MAX = 1000
export const ResolutionNote = z.string().trim().max(RESOLUTION_NOTE_MAX, `At most ${RESOLUTION_NOTE_MAX} characters`)
export const SeverityReason = z.string().trim().min(3, 'Give a reason (at least 3 characters)').max(500)

const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date, YYYY-MM-DD')

export const PostmortemAction = z.object({
  id: z.string().trim().min(1).max(64).optional(),
  text: z.string().trim().min(1, 'Describe the action').max(1000),
  ownerId: z.uuid('Choose an owner').nullish(),
  dueDate: DateOnly.nullish(),
  done: z.boolean().default(false),
})
export type PostmortemAction = z.infer<typeof PostmortemAction>

export const PostmortemInput = z.object({
  summary: z.string().trim().max(10_000).default(''),
  rootCause: z.string().trim().max(10_000).default(''),
  impact: z.string().trim().max(10_000).default(''),
  actions: z.array(PostmortemAction).max(100).default([]),
})
export type PostmortemInput = z.input<typeof PostmortemInput>

/** Timeline entry types (IncidentEvent.type). */
export const INCIDENT_EVENT_TYPES = [
  'alert',
  'alert_resolved',
  'status',
  'note',
  'notification',
  'escalation',
  'severity',
  'assignment',
  'postmortem',
  'maintenance',
] as const
export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number]
