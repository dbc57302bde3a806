/** The service catalogue's forms, as zod schemas shared by the form, the actions and the commands. */
import { z } from 'zod'
import { ServiceKey } from '@/lib/incidents/schema'

export const TIERS = [1, 2, 3] as const
export type Tier = (typeof TIERS)[number]

/** What a tier means, in the words the catalogue shows. */
export const TIER_LABELS: Record<Tier, string> = {
  1: 'Tier 1 · patient care stops',
  2: 'Tier 2 · care degraded',
  3: 'Tier 3 · supporting',
}

/** Path segments of the catalogue that are pages, not service keys. */
export const RESERVED_KEYS = ['new'] as const

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
/** A select or checkbox group sends nothing, one value, or several: always a list. */
const list = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v])
const oneLine = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, message)

/** An http(s) link; other schemes (javascript:, file:, data:) are refused because the page links to it. */
export const RunbookUrl = z
  .string()
  .trim()
  .max(2000, 'At most 2000 characters')
  .url('Enter a full link, e.g. https://wiki.hospital.example/runbooks/triage')
  .refine((u) => /^https?:\/\//i.test(u), 'Only http and https links are allowed')

export const ServiceFields = z.object({
  name: oneLine(120, 'Control characters are not allowed').min(1, 'Enter a name'),
  description: z.string().trim().max(2000, 'At most 2000 characters').default(''),
  ownerTeam: oneLine(120, 'Control characters are not allowed').min(1, 'Name the team that owns the service'),
  tier: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: 'Choose a tier' })
      .int()
      .refine((t): t is Tier => (TIERS as readonly number[]).includes(t), 'Choose tier 1, 2 or 3'),
  ),
  runbookUrl: z.preprocess(blankToUndefined, RunbookUrl.optional()),
  escalationPolicyId: z.preprocess(blankToUndefined, z.uuid('Choose an escalation policy').optional()),
  /** Ids of the services this one depends on. */
  dependsOn: z.preprocess(list, z.array(z.uuid('Choose services from the list')).max(50, 'At most 50 dependencies')),
})

export const CreateServiceInput = ServiceFields.extend({
  key: ServiceKey.min(1, 'Enter a key').refine((k) => !(RESERVED_KEYS as readonly string[]).includes(k), 'This key is reserved; choose another'),
})
export type CreateServiceInput = z.infer<typeof CreateServiceInput>

export const UpdateServiceInput = ServiceFields.extend({ id: z.uuid() })
export type UpdateServiceInput = z.infer<typeof UpdateServiceInput>

export const ServiceIdInput = z.object({ id: z.uuid() })

/** The catalogue's filters, from the URL; a value that is not one is dropped and named. */
export interface CatalogueFilters {
  tier?: Tier
  owner?: string
  archived?: boolean
}

export function parseCatalogueFilters(params: Record<string, string | string[] | undefined>): { filters: CatalogueFilters; invalid: string[] } {
  const one = (k: string) => {
    const v = params[k]
    return (Array.isArray(v) ? v[0] : v)?.trim() || undefined
  }
  const filters: CatalogueFilters = {}
  const invalid: string[] = []
  const tier = one('tier')
  if (tier !== undefined) {
    const n = Number(tier)
    if ((TIERS as readonly number[]).includes(n)) filters.tier = n as Tier
    else invalid.push('tier')
  }
  const owner = one('owner')
  if (owner !== undefined) {
    if (owner.length <= 120) filters.owner = owner
    else invalid.push('owner')
  }
  if (one('archived') === 'show') filters.archived = true
  return { filters, invalid }
}
