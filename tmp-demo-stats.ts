import { generateDemoEvents } from '@/lib/analytics/demo'
import { pseudonymizer } from '@/lib/analytics/pseudonym'
const now = new Date('2026-12-07T12:00:00Z')
const t0 = performance.now()
const rows = generateDemoEvents({ now, pseudonym: pseudonymizer(Buffer.from('demo-test-key-0123456789')) })
console.log('rows', rows.length, 'ms', Math.round(performance.now() - t0))
const W = 7 * 86400000
for (let w = 7; w >= 0; w--) {
  const r = rows.filter((x) => x.occurredAt.getTime() > now.getTime() - (w + 1) * W && x.occurredAt.getTime() <= now.getTime() - w * W)
  const users = new Set(r.map((x) => x.userKey)).size
  const ai = new Set(r.filter((x) => x.event === 'ai_suggestion_reviewed').map((x) => x.userKey)).size
  const dx = new Set(r.filter((x) => x.event === 'diagnosis_started').map((x) => x.userKey)).size
  const v = (ver: string) => r.filter((x) => x.appVersion === ver).length
  console.log(`week -${w}: events ${r.length} users ${users} dxUsers ${dx} aiReviewUsers ${ai} v4.0 ${v('4.0')} v4.1 ${v('4.1')} v4.2 ${v('4.2')}`)
}
