import type { Actor } from '../audit'
import type { ApiKeyPrincipal } from './api-keys'
import type { SessionUser } from './session'

export const actorOfUser = (u: SessionUser): Actor => ({ type: 'user', id: u.id, label: u.email })
export const actorOfApiKey = (k: ApiKeyPrincipal): Actor => ({ type: 'apikey', id: k.id, label: `key:${k.name}` })
