/**
 * `GET /api/slo/openslo` (a session with slo:read, or an API key with scope read): every SLO in force as
 * OpenSLO v1 YAML, as a download. `?key=a,b` exports those SLOs only (archived ones included). Applying the
 * file (`npm run cli -- slo:apply --file F`, or Import on /slo/manage) changes nothing.
 */
import { defineRoute } from '@/lib/http/route'
import { db } from '@/lib/db'
import { readExportableSlos } from '@/lib/slo/manage'
import { exportOpenSlo } from '@/lib/slo/openslo-export'

export const GET = defineRoute({ route: '/api/slo/openslo', access: { kind: 'session-or-apikey', permission: 'slo:read', scope: 'read' } }, async ({ req }) => {
  const keys = new URL(req.url).searchParams.get('key')?.split(',').map((k) => k.trim()).filter(Boolean)
  const text = exportOpenSlo(await readExportableSlos(db, keys?.length ? keys : undefined))
  return new Response(text, {
    headers: {
      'Content-Type': 'application/yaml; charset=utf-8',
      'Content-Disposition': 'attachment; filename="wardroom-slos.openslo.yaml"',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
})
