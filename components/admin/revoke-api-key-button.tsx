'use client'

import { revokeApiKeyAction } from '@/lib/admin/actions'
import { RevokeButton } from './revoke-button'

export interface RevokeApiKeyButtonProps {
  keyId: string
  name: string
  prefix: string
  revoked: boolean
}

export function RevokeApiKeyButton({ keyId, name, prefix, revoked }: RevokeApiKeyButtonProps) {
  return (
    <RevokeButton
      revoked={revoked}
      revoke={() => revokeApiKeyAction({ keyId })}
      title={`Revoke the key “${name}”?`}
      description={
        <>
          Every call made with <code className="font-mono">{prefix}…</code> is refused from now on. A revoked key cannot be restored: the
          system using it needs a new key. The revocation is recorded in the audit log.
        </>
      }
      confirmLabel="Revoke key"
      subject={`key ${name}`}
    />
  )
}
