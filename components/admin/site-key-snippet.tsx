'use client'

import { useSyncExternalStore } from 'react'
import { widgetSnippet } from '@/lib/feedback/widget-snippet'
import { SecretReveal } from './secret-reveal'

/** This Wardroom's address as the browser sees it (the host app loads the widget from there). */
const never = () => () => {}
function useOrigin(): string {
  // Empty on the server (it cannot know the address the browser used), the real one after hydration.
  return useSyncExternalStore(never, () => window.location.origin, () => '')
}

/** The script tag for a site key, with its SRI hash, ready to copy (the site key is public: shown any time). */
export function SiteKeySnippet({ publicId, focusOnShow = false }: { publicId: string; focusOnShow?: boolean }) {
  const origin = useOrigin()
  if (!origin) return null
  return (
    <SecretReveal
      label="Script tag for the host app"
      value={widgetSnippet(origin, publicId)}
      note="Paste it into the host app's pages (before </body>). The integrity hash pins this version of the widget: update the tag when Wardroom is upgraded, or leave out integrity and crossorigin."
      focusOnShow={focusOnShow}
    />
  )
}

/** The snippet of an active key, behind a disclosure in the table. */
export function SiteKeySnippetDisclosure({ publicId, name }: { publicId: string; name: string }) {
  return (
    <details className="max-w-md">
      <summary className="cursor-pointer text-sm text-accent-fg underline">
        Script tag<span className="sr-only"> for {name}</span>
      </summary>
      <div className="mt-2">
        <SiteKeySnippet publicId={publicId} />
      </div>
    </details>
  )
}
