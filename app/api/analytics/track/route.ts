/** The guide's analytics API, one event (lib/analytics/routes.ts). */
export { trackRoute as POST } from '@/lib/analytics/routes'
