import Link from 'next/link'
import type { MatrixProduct } from '@/lib/competitors/matrix'
import { formatNumber } from '@/lib/format'
import { Badge } from '@/components/ui/badge'
import { SeverityBadge } from '@/components/ui/severity-badge'

const LEVEL_WORD = { high: 'High threat', medium: 'Medium threat', low: 'Low threat' } as const

/** One card per competitor: threat level with the explanation beside the number, coverage against ours. */
export function ThreatCards({ products }: { products: readonly MatrixProduct[] }) {
  const us = products.find((p) => p.isUs)
  const rivals = products.filter((p) => !p.isUs).sort((a, b) => (b.threat?.score ?? 0) - (a.threat?.score ?? 0))
  return (
    <ul className="grid gap-4 md:grid-cols-2 2xl:grid-cols-4">
      {rivals.map((p) => (
        <li key={p.id} className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-4">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <Link href={`/competitors/${encodeURIComponent(p.key)}`} className="font-semibold text-ink hover:underline">
                {p.name}
              </Link>
              <p className="text-xs text-ink-muted">{[p.segment, p.position].filter(Boolean).join(' · ')}</p>
            </div>
            {p.threat && <SeverityBadge severity={p.threat.level} label={LEVEL_WORD[p.threat.level]} />}
          </div>
          <p className="text-sm text-ink tabular-nums">
            Score {formatNumber(p.threat?.score ?? 0, { digits: 2 })} · covers {formatNumber(p.coverage * 100, { digits: 0 })} %
            {us ? ` (we: ${formatNumber(us.coverage * 100, { digits: 0 })} %)` : ''}
            {p.unknown > 0 && (
              <Badge className="ml-2" icon="info">
                {p.unknown} unknown
              </Badge>
            )}
          </p>
          {p.threat && <p className="text-xs text-ink-muted">{p.threat.explanation}</p>}
        </li>
      ))}
    </ul>
  )
}
