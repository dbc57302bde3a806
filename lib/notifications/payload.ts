/**
 * The only shape of an incident that leaves Wardroom. Built from the incident's own fields (never from
 * alert text or details), and the title goes through redact() once more on the way out.
 */
import { z } from 'zod'
import type { Incident, Service } from '@/lib/generated/prisma/client'
import { env } from '@/lib/env'
import { redact } from '@/lib/phi/redact'
import { INCIDENT_STATUSES, SEVERITIES } from '@/lib/severity'

export const NOTIFICATION_KINDS = ['trigger', 'acknowledge', 'resolve', 'escalate', 'test'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const NotificationMessage = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  incidentId: z.string().nullable(),
  incidentNumber: z.number().int().nullable(),
  summary: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(INCIDENT_STATUSES),
  service: z.string().nullable(),
  workflows: z.array(z.string()),
  link: z.string(),
  escalationLevel: z.number().int().optional(),
  /**
   * E-mail only: send to these people instead of the channel's own recipients (the safety officers told of
   * a patient-safety concern, lib/feedback/safety-lane.ts). Only ever written on rows of e-mail channels.
   */
  recipients: z.array(z.string().email()).max(50).optional(),
  /** Stable per message: lets receivers drop a redelivery. */
  idempotencyKey: z.string(),
  createdAt: z.string(),
})
export type NotificationMessage = z.infer<typeof NotificationMessage>

export function baseUrl(): string {
  return (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '')
}

export function incidentLink(incidentId: string): string {
  return `${baseUrl()}/incidents/${incidentId}`
}

export function incidentLabel(number: number | null): string {
  return number === null ? 'Wardroom' : `INC-${number}`
}

export function buildIncidentMessage(
  incident: Incident & { service: Service | null },
  kind: NotificationKind,
  idempotencyKey: string,
  opts: { level?: number; now?: Date } = {},
): NotificationMessage {
  return {
    kind,
    incidentId: incident.id,
    incidentNumber: incident.number,
    summary: redact(incident.title).slice(0, 300),
    severity: incident.severity,
    status: incident.status,
    service: incident.service ? redact(incident.service.name) : null,
    workflows: incident.workflows.map((w) => redact(w)),
    link: incidentLink(incident.id),
    ...(opts.level !== undefined ? { escalationLevel: opts.level } : {}),
    idempotencyKey,
    createdAt: (opts.now ?? new Date()).toISOString(),
  }
}

export function buildTestMessage(channelName: string, idempotencyKey: string, now: Date): NotificationMessage {
  return {
    kind: 'test',
    incidentId: null,
    incidentNumber: null,
    summary: `Test message from Wardroom to channel "${redact(channelName)}"`,
    severity: 'info',
    status: 'resolved',
    service: null,
    workflows: [],
    link: `${baseUrl()}/admin/channels`,
    idempotencyKey,
    createdAt: now.toISOString(),
  }
}

const KIND_VERB: Record<NotificationKind, string> = {
  trigger: 'Triggered',
  acknowledge: 'Acknowledged',
  resolve: 'Resolved',
  escalate: 'Escalated',
  test: 'Test',
}

/** One line of plain text, shared by console, file, email subject and Slack fallback text. */
export function headline(message: NotificationMessage): string {
  const level = message.kind === 'escalate' && message.escalationLevel !== undefined ? ` (level ${message.escalationLevel})` : ''
  return `[${message.severity.toUpperCase()}] ${KIND_VERB[message.kind]}${level}: ${incidentLabel(message.incidentNumber)} ${message.summary}`
}

/** The fields shown under the headline in every human-readable channel. */
export function detailLines(message: NotificationMessage): string[] {
  return [
    `Severity: ${message.severity}`,
    `Status: ${message.status}`,
    `Service: ${message.service ?? 'none'}`,
    `Affected workflows: ${message.workflows.length ? message.workflows.join(', ') : 'none'}`,
    `Link: ${message.link}`,
  ]
}
