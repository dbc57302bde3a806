/** Segment HTTP Tracking API: page (lib/analytics/routes.ts). */
import { segmentCallRoute } from '@/lib/analytics/routes'

export const POST = segmentCallRoute('page')
