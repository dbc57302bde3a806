/** The guide's analytics API, up to 10,000 events (lib/analytics/routes.ts). */
export { batchRoute as POST } from '@/lib/analytics/routes'
