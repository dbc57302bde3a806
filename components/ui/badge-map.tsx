import { Badge, type BadgeTone } from './badge'
import type { IconName } from './icons'

/**
 * Badges from data: the words, tone and icon of each value of a status written once in a typed map, and one
 * way to draw them. Colour never carries the meaning alone: every spec has its words.
 */
export interface BadgeSpec {
  label: string
  tone: BadgeTone
  icon?: IconName
}

export type BadgeMap<K extends string> = Readonly<Record<K, BadgeSpec>>

export function SpecBadge({ spec, className }: { spec: BadgeSpec; className?: string }) {
  return (
    <Badge tone={spec.tone} icon={spec.icon} className={className}>
      {spec.label}
    </Badge>
  )
}

/** The spec of `value`; a value the map does not know (newer than this build) is shown as it is, neutral. */
export function badgeSpec<K extends string>(map: BadgeMap<K>, value: string): BadgeSpec {
  return Object.hasOwn(map, value) ? map[value as K] : { label: value, tone: 'neutral', icon: 'info' }
}

export function MapBadge<K extends string>({ map, value, className }: { map: BadgeMap<K>; value: string; className?: string }) {
  return <SpecBadge spec={badgeSpec(map, value)} className={className} />
}

/** One of two badges, for a yes/no state (enabled or disabled, up or down, met or missed). */
export function BoolBadge({ value, yes, no, className }: { value: boolean; yes: BadgeSpec; no: BadgeSpec; className?: string }) {
  return <SpecBadge spec={value ? yes : no} className={className} />
}
