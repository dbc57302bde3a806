/** Segment HTTP Tracking API: batch (lib/analytics/routes.ts). */
export { segmentBatchRoute as POST } from '@/lib/analytics/routes'
