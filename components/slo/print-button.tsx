'use client'

import { Button } from '@/components/ui/button'

/** Opens the browser's print dialog; the page's print styles leave out navigation and controls. */
export function PrintButton() {
  return (
    <Button className="print:hidden" onClick={() => window.print()}>
      Print
    </Button>
  )
}
