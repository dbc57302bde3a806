/** The framework's floor: a route handler that does nothing, measured beside ingest by `npm run bench -- alerts`. */
import { defineRoute, json } from '@/lib/http/route'

export const GET = defineRoute({ route: '/api/ping', access: { kind: 'public' } }, async () => json({ ok: true }))
