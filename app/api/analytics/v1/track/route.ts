/** Segment HTTP Tracking API: track (lib/analytics/routes.ts). */
import { segmentCallRoute } from '@/lib/analytics/routes'

export const POST = segmentCallRoute('track')
