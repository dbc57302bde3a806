import Link from 'next/link'
import { cn } from '@/lib/cn'
import { buttonClasses } from '@/components/ui/button'

/** The range choice of the report pages, as links (the range is the URL). */
export function RangeLinks({ base, days, extra = '' }: { base: string; days: number; extra?: string }) {
  return (
    <nav aria-label="Range" className="flex gap-1">
      {[7, 30, 90].map((d) => (
        <Link key={d} href={`${base}?days=${d}${extra}`} aria-current={d === days ? 'page' : undefined} className={cn(buttonClasses(d === days ? 'primary' : 'secondary', 'sm'))}>
          {d} days
        </Link>
      ))}
    </nav>
  )
}
