'use client'

import { useId, useRef, useState, useSyncExternalStore } from 'react'
import { widgetSnippet } from '@/lib/feedback/widget-snippet'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icons'

const never = () => () => {}
/** This Wardroom's address as the browser sees it (the host app loads the widget from there). */
function useOrigin(): string {
  // Empty on the server (it cannot know the address the browser used), the real one after hydration.
  return useSyncExternalStore(never, () => window.location.origin, () => '')
}

/**
 * The script tag for a site key, with its SRI hash, wrapped in full (a one-line field would hide most of it)
 * and a copy button; where the clipboard API is missing (plain http) the text is selected instead.
 */
export function SiteKeySnippet({ publicId }: { publicId: string }) {
  const id = useId()
  const origin = useOrigin()
  const codeRef = useRef<HTMLElement>(null)
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle')
  if (!origin) return null
  const snippet = widgetSnippet(origin, publicId)

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(snippet)
      setCopy('copied')
    } catch {
      const range = document.createRange()
      if (codeRef.current) range.selectNodeContents(codeRef.current)
      window.getSelection()?.removeAllRanges()
      window.getSelection()?.addRange(range)
      setCopy('manual')
    }
  }

  return (
    <figure className="rounded-lg border border-line bg-surface p-3">
      <figcaption id={id} className="text-sm font-semibold text-ink">
        Script tag for the host app
      </figcaption>
      <code ref={codeRef} aria-labelledby={id} role="textbox" aria-readonly="true" className="mt-2 block font-mono text-xs break-all text-ink">
        {snippet}
      </code>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" onClick={onCopy}>
          {copy === 'copied' && <Icon name="check" />}
          {copy === 'copied' ? 'Copied' : 'Copy script tag'}
        </Button>
        <span aria-live="polite" className="text-xs text-ink-muted">
          {copy === 'manual' && 'Copying is not available here: the text is selected, press Ctrl+C (⌘C on a Mac).'}
        </span>
      </div>
      <p className="mt-2 text-xs text-ink-muted">
        Paste it into the host app&apos;s pages, before &lt;/body&gt;. The integrity hash pins this version of the widget: update the tag when Wardroom is
        upgraded, or leave out integrity and crossorigin.
      </p>
    </figure>
  )
}

/** The snippet of an active key, behind a disclosure in the table. */
export function SiteKeySnippetDisclosure({ publicId, name }: { publicId: string; name: string }) {
  return (
    <details className="max-w-3xl">
      <summary className="cursor-pointer text-sm text-accent-fg underline">Script tag for {name}</summary>
      <div className="mt-2">
        <SiteKeySnippet publicId={publicId} />
      </div>
    </details>
  )
}
