'use client'

import { Button } from '@/components/ui/button'

/** Opens the browser's print dialog; the cockpit's print styles leave out the navigation, and this page hides its controls. */
export function PrintButton() {
  return (
    <Button className="print:hidden" onClick={() => window.print()}>
      Print
    </Button>
  )
}
