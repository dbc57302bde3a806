/**
 * Live incident changes as Server-Sent Events, for the open board and incident pages:
 * `event: incident` + `data: {"id","updatedAt"}` on every change (this instance at once, others within a
 * second), a comment line every 15 s so proxies keep the connection, and a clean end when the browser goes.
 * Connections are recycled after 10 minutes; EventSource reconnects by itself after `retry` ms.
 */
import { defineRoute } from '@/lib/http/route'
import { watchIncidentChanges } from '@/lib/incidents/live-watch'

const HEARTBEAT_MS = 15_000
const MAX_STREAM_MS = 10 * 60_000
const RETRY_MS = 2_000

const encoder = new TextEncoder()

export const GET = defineRoute(
  { route: '/api/incidents/stream', access: { kind: 'session', permission: 'incident:read' } },
  async ({ req }) => {
    let cleanup: (() => void) | null = null
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        // Filling the queue first means the watch starts on the first read: a response nobody reads holds nothing open.
        controller.enqueue(encoder.encode(`retry: ${RETRY_MS}\n: connected\n\n`))
      },
      pull(controller) {
        if (cleanup) return
        let closed = false
        const send = (text: string) => {
          if (closed) return
          try {
            controller.enqueue(encoder.encode(text))
          } catch {
            close()
          }
        }
        const unwatch = watchIncidentChanges((change) => send(`event: incident\ndata: ${JSON.stringify(change)}\n\n`))
        const heartbeat = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), HEARTBEAT_MS)
        const recycle = setTimeout(() => close(), MAX_STREAM_MS)
        heartbeat.unref?.()
        recycle.unref?.()
        const onAbort = () => close()
        function close() {
          if (closed) return
          closed = true
          unwatch()
          clearInterval(heartbeat)
          clearTimeout(recycle)
          req.signal.removeEventListener('abort', onAbort)
          try {
            controller.close()
          } catch {
            // Already closed or cancelled by the reader.
          }
        }
        cleanup = close
        if (req.signal.aborted) close()
        else req.signal.addEventListener('abort', onAbort)
      },
      cancel() {
        cleanup?.()
      },
    })
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        // no-transform keeps compression (which would buffer events) off this response.
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    })
  },
)
