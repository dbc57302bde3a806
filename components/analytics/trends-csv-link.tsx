import { buttonClasses } from '@/components/ui/button'
import { Icon } from '@/components/ui/icons'

/** A table's download as CSV: a plain link (works before hydration), named by what it downloads. */
export function TrendsCsvLink({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} download className={buttonClasses('secondary', 'sm', 'print:hidden')} aria-label={label}>
      <Icon name="arrow-down" size={14} />
      CSV
    </a>
  )
}
