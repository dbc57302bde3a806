import Link from 'next/link'
import type { Matrix, MatrixCapability } from '@/lib/competitors/matrix'
import { CAPABILITY_GROUP_LABELS } from '@/lib/competitors/schema'
import { formatNumber } from '@/lib/format'
import { SeverityBadge } from '@/components/ui/severity-badge'
import { Icon } from '@/components/ui/icons'
import { CapabilityStatusBadge } from './status-badge'

const DAY = 86_400_000

export const cellHref = (productKey: string, capabilityKey: string) => `/competitors/cells/${encodeURIComponent(productKey)}/${encodeURIComponent(capabilityKey)}`

function age(evidenceAt: Date | null, now: Date): string {
  if (!evidenceAt) return 'no evidence'
  const days = Math.max(0, Math.round((now.getTime() - evidenceAt.getTime()) / DAY))
  return days === 0 ? 'evidence from today' : `evidence ${formatNumber(days)} day${days === 1 ? '' : 's'} old`
}

/**
 * The matrix: capabilities down, products across (ours first), headers that stay in view while it scrolls.
 * Each cell is a link to its evidence history (Tab moves cell by cell); its status is a word and an icon,
 * with the threat where a competitor leads us and a mark when its evidence is stale.
 */
export function MatrixTable({ matrix, rows }: { matrix: Matrix; rows: readonly MatrixCapability[] }) {
  const { products, now } = matrix
  return (
    <div className="max-h-[70vh] overflow-auto" tabIndex={-1}>
      {/* A column per product: with many competitors it scrolls sideways, its headers and first column sticky. */}
      <table data-grows-sideways className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Capabilities (rows) of each product (columns), with the threat where a competitor leads us</caption>
        <thead>
          <tr>
            <th scope="col" className="sticky top-0 left-0 z-20 border-b border-line bg-surface-muted px-3 py-2 text-left font-medium text-ink-muted">
              Capability
            </th>
            {products.map((p) => (
              <th key={p.id} scope="col" className="sticky top-0 z-10 min-w-36 border-b border-line bg-surface-muted px-3 py-2 text-left align-bottom font-medium text-ink">
                <Link href={`/competitors/${encodeURIComponent(p.key)}`} className="hover:underline">
                  {p.name}
                </Link>
                <span className="block text-xs font-normal text-ink-muted tabular-nums">
                  {p.isUs ? 'us · ' : ''}
                  {formatNumber(p.coverage * 100, { digits: 0 })} % covered
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="sticky left-0 z-10 border-b border-line bg-surface px-3 py-2 text-left align-top font-normal">
                <span className="block font-medium text-ink">{c.name}</span>
                <span className="block text-xs text-ink-muted">
                  {CAPABILITY_GROUP_LABELS[c.group]} · importance {c.weight}/5
                </span>
              </th>
              {products.map((p) => {
                const cell = matrix.cell(p.id, c.id)
                const threat = cell.threat && cell.threat.level !== 'low' ? cell.threat.level : null
                const label = `${p.name}, ${c.name}: ${cell.status}${threat ? `, ${threat} threat` : ''}, ${age(cell.evidenceAt, now)}${cell.stale ? ', stale' : ''}`
                return (
                  <td key={p.id} className="border-b border-line px-3 py-2 align-top">
                    <Link href={cellHref(p.key, c.key)} aria-label={label} className="-m-1 flex flex-col items-start gap-1 rounded p-1 hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-accent">
                      <CapabilityStatusBadge status={cell.status} />
                      {threat && <SeverityBadge severity={threat} label={`${threat === 'high' ? 'High' : 'Medium'} threat`} />}
                      {cell.stale && cell.evidenceAt && (
                        <span className="inline-flex items-center gap-1 text-xs text-ink-muted">
                          <Icon name="clock" size={12} /> Stale
                        </span>
                      )}
                    </Link>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
