/** Segment HTTP Tracking API: identify (lib/analytics/routes.ts). */
import { segmentCallRoute } from '@/lib/analytics/routes'

export const POST = segmentCallRoute('identify')
