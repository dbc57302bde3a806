/** Probe settings as the admin form sends them; numbers arrive as strings from FormData. */
import { z } from 'zod'

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const int = (min: number, max: number, fallback: number, message?: string) =>
  z.preprocess(blankToUndefined, z.coerce.number().int('Use a whole number').min(min, message ?? `At least ${min}`).max(max, `At most ${max}`).default(fallback))
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean())

export const MIN_INTERVAL_SECONDS = 30

export const ProbeForm = z
  .object({
    id: z.preprocess(blankToUndefined, z.uuid().optional()),
    serviceId: z.uuid('Choose a service'),
    name: z.string().trim().min(1, 'Enter a name').max(100),
    url: z
      .string()
      .trim()
      .max(2000)
      .url('Enter a full URL, e.g. https://triage.internal/healthz')
      .refine((u) => /^https?:\/\//i.test(u), 'Only http and https URLs can be checked'),
    expectedStatus: int(100, 599, 200),
    timeoutMs: int(100, 60_000, 5000),
    intervalSeconds: int(MIN_INTERVAL_SECONDS, 86_400, 60, `At least ${MIN_INTERVAL_SECONDS} seconds`),
    failureThreshold: int(1, 20, 3),
    successThreshold: int(1, 20, 3),
    /** Operations guide: answers slower than 500 ms count as degraded performance. */
    latencyThresholdMs: int(1, 60_000, 500),
    enabled: checkbox,
  })
  .refine((p) => p.timeoutMs < p.intervalSeconds * 1000, { path: ['timeoutMs'], message: 'The timeout must be shorter than the interval' })
export type ProbeForm = z.infer<typeof ProbeForm>

export const ProbeIdInput = z.object({ id: z.uuid() })
export const ProbeEnabledInput = z.object({ id: z.uuid(), enabled: checkbox })
