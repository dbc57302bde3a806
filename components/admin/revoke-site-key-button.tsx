'use client'

import { revokeSiteKeyAction } from '@/lib/feedback/site-key-actions'
import { RevokeButton } from './revoke-button'

export function RevokeSiteKeyButton({ siteKeyId, name, revoked }: { siteKeyId: string; name: string; revoked: boolean }) {
  return (
    <RevokeButton
      revoked={revoked}
      revoke={() => revokeSiteKeyAction({ siteKeyId })}
      title={`Revoke the site key “${name}”?`}
      description="The widget on the host app's pages stops accepting feedback at once: its reports are refused. A revoked key cannot be restored; the host needs a new key and script tag. The revocation is recorded in the audit log."
      confirmLabel="Revoke site key"
      subject={`site key ${name}`}
    />
  )
}
