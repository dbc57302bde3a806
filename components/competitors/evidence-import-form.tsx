'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState, type FormEvent } from 'react'
import type { ImportReport } from '@/lib/competitors/csv-import'
import { SubmitButton } from '@/components/ui/form-parts'

type Outcome = { ok: true; report: ImportReport } | { ok: false; message: string }

/** Uploads a CSV of cell evidence (the evidence export's columns) and shows what was imported and each refused line. */
export function EvidenceImportForm() {
  const router = useRouter()
  const fileRef = useRef<HTMLInputElement>(null)
  const [pending, setPending] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const file = fileRef.current?.files?.[0]
    if (!file) return setOutcome({ ok: false, message: 'Choose a CSV file first.' })
    setPending(true)
    try {
      const res = await fetch('/api/competitors/evidence/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: await file.text() })
      const body = (await res.json().catch(() => null)) as (ImportReport & { error?: { message: string } }) | null
      if (!res.ok || !body) setOutcome({ ok: false, message: body?.error?.message ?? `The import failed (HTTP ${res.status}).` })
      else {
        setOutcome({ ok: true, report: body })
        if (body.imported > 0) router.refresh()
      }
    } catch {
      setOutcome({ ok: false, message: 'The import could not reach Wardroom. Try again.' })
    } finally {
      setPending(false)
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="Import evidence from CSV" className="space-y-3">
      <div className="space-y-1">
        <label htmlFor="evidence-csv" className="block text-sm font-medium text-ink">
          CSV file
        </label>
        <input ref={fileRef} id="evidence-csv" name="file" type="file" accept=".csv,text/csv" aria-describedby="evidence-csv-hint" className="block text-sm" />
        <p id="evidence-csv-hint" className="text-xs text-ink-muted">
          Columns product_key, capability_key, status and observed_at (YYYY-MM-DD); optional confidence, source_url, source_title and note — the evidence download’s layout. At most 1,000 rows.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Importing…">
          Import
        </SubmitButton>
      </div>
      <div aria-live="polite" aria-atomic="true" className="text-sm">
        {outcome && !outcome.ok && <p className="text-critical-fg">{outcome.message}</p>}
        {outcome?.ok && (
          <>
            <p className="text-ink">
              Imported {outcome.report.imported} of {outcome.report.rows} row{outcome.report.rows === 1 ? '' : 's'}
              {outcome.report.failed > 0 ? `; ${outcome.report.failed} refused:` : '.'}
            </p>
            {outcome.report.errors.length > 0 && (
              <ul className="mt-1 list-disc pl-5 text-ink-muted">
                {outcome.report.errors.map((e) => (
                  <li key={e.line}>
                    Line {e.line}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </form>
  )
}
