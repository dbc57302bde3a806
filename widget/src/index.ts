/**
 * Wardroom's in-app feedback widget, embedded with one tag:
 *   <script src="https://<wardroom>/widget.js" data-site-key="wk_…" async></script>
 * Exposes `window.Wardroom`: setContext({appVersion, modelVersion, screen, role, department, site}),
 * setFlagVariants({flagKey: variant}), identify(token | null), setScreenshot(dataUrl | Blob | null), open(),
 * close(). Calls made before the
 * script loaded can be queued in `window.Wardroom.q` as [method, ...args] (lib/feedback/README.md).
 *
 * Nothing it does may break the host page: every entry point catches its own errors. Reports are queued
 * in local storage before the first attempt and retried with backoff under the same idempotency key, so a
 * report written offline, or on a page closed mid-send, arrives once when the connection is back.
 *
 * Screenshots: the widget never captures the screen. The host may hand it one (setScreenshot); it is offered
 * only when the site key accepts screenshots, unticked, and is kept in memory only (never in local storage:
 * it may show a patient), so a report sent after a reload goes without it.
 */
import { backoffMs, browserToken, loadQueue, randomToken, saveQueue, type Pending, type Submission } from './store'
import { listReports, sendReport, type ShotPolicy } from './transport'
import { mountUi, type FormValues, type Ui } from './ui'

const VERSION = '1'
const CONTEXT_KEYS = ['appVersion', 'modelVersion', 'screen', 'role', 'department', 'site'] as const
const MAX_CONTEXT = 120
const MAX_SHOT_BYTES = 2 * 1024 * 1024
const SHOT_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/

interface WardroomApi {
  version: string
  setContext(context: Record<string, unknown>): void
  setFlagVariants(variants: Record<string, unknown>): void
  identify(token: string | null): void
  setScreenshot(image: string | Blob | null): void
  open(): void
  close(): void
}

type QueuedCall = [keyof WardroomApi, ...unknown[]]
const w = window as unknown as { Wardroom?: Partial<WardroomApi> & { q?: QueuedCall[] } }

const quietly =
  <A extends unknown[], R>(fn: (...args: A) => R, fallback?: R) =>
  (...args: A): R | undefined => {
    try {
      return fn(...args)
    } catch (e) {
      console.warn('[wardroom widget]', e)
      return fallback
    }
  }

function start(script: HTMLScriptElement) {
  const siteKey = script.getAttribute('data-site-key') ?? ''
  const endpoint = `${new URL(script.src, location.href).origin}/api/feedback/widget/${encodeURIComponent(siteKey)}`
  const context: Record<string, string> = {}
  let flagVariants: Record<string, string> = {}
  let identity: string | undefined
  /** The host's screenshot (a data URL), the key's policy once known, and those attached to queued reports. */
  let shot: string | null = null
  let policy: ShotPolicy | null = null
  const shots = new Map<string, string>()
  let ui: Ui | null = null
  let running: Promise<number> | null = null
  let again = false
  /** When the browser last came back online: reports last tried before then are due at once. */
  let onlineAt = 0
  /** Reports the server refused (4xx), by idempotency key: retrying would not help; the clinician is told why. */
  const refused = new Map<string, string>()
  let timer: ReturnType<typeof setTimeout> | undefined

  /** Sends every report that is due, one at a time (one run at a time); schedules the next attempt. */
  function flush(): Promise<number> {
    if (running) {
      // Asked while a run is under way (back online mid-attempt): run again once it ends.
      again = true
      return running
    }
    running = (async () => {
      let sent = 0
      do {
        again = false
        sent += await drain()
      } while (again)
      return sent
    })().finally(() => {
      running = null
      schedule()
    })
    return running
  }

  /** Reports sent in the background (back online, a retry's timer) are announced in the dialog. */
  const flushQuietly = () =>
    void flush()
      .then((sent) => sent > 0 && ui?.say('ok', sent === 1 ? 'A report saved on this device was sent.' : `${sent} reports saved on this device were sent.`))
      .catch(() => {})

  async function drain(): Promise<number> {
    let sent = 0
    for (;;) {
      const queue = loadQueue()
      const now = Date.now()
      const due = queue.find((p) => p.nextAt <= now || (p.lastAt ?? 0) < onlineAt)
      if (!due) break
      const outcome = await sendReport(endpoint, due.body, shots.get(due.body.idempotencyKey))
      // Read again: another tab may have changed the queue while this one was sending.
      const current = loadQueue()
      const i = current.findIndex((p) => p.body.idempotencyKey === due.body.idempotencyKey)
      if (outcome.kind === 'sent' || outcome.kind === 'rejected') {
        shots.delete(due.body.idempotencyKey)
        if (i >= 0) current.splice(i, 1)
        saveQueue(current)
        if (outcome.kind === 'sent') sent++
        else ui?.say('bad', `A report could not be sent: ${outcome.message}`)
        continue
      }
      const entry: Pending = i >= 0 ? current[i]! : due
      if (outcome.kind === 'identity') {
        // An expired or refused identity token: the report still goes, without a reporter.
        delete entry.body.identity
      } else if (outcome.kind === 'screenshot') {
        // The screenshot was refused (turned off for the key, too large): the report still goes, without it.
        shots.delete(due.body.idempotencyKey)
      } else {
        entry.attempts += 1
        entry.lastAt = now
        entry.nextAt = Date.now() + Math.max(outcome.afterMs ?? 0, backoffMs(entry.attempts))
      }
      if (i >= 0) current[i] = entry
      saveQueue(current)
      if (outcome.kind === 'retry') break
    }
    return sent
  }

  function schedule() {
    clearTimeout(timer)
    const queue = loadQueue()
    if (!queue.length) return
    const next = Math.min(...queue.map((p) => p.nextAt))
    timer = setTimeout(flushQuietly, Math.max(250, next - Date.now()))
  }

  async function submit(values: FormValues) {
    const body: Submission = {
      type: values.type,
      description: values.description,
      ...(values.rating ? { rating: values.rating } : {}),
      context: { ...context },
      flagVariants: { ...flagVariants },
      idempotencyKey: randomToken(18),
      browserToken: browserToken(),
      ...(identity ? { identity } : {}),
    }
    if (values.attachScreenshot && shot) shots.set(body.idempotencyKey, shot)
    saveQueue([...loadQueue(), { body, attempts: 0, nextAt: 0 }])
    // A run already under way may have read the queue before this report joined it: then run once more.
    await flush()
    if (loadQueue().some((p) => p.body.idempotencyKey === body.idempotencyKey && p.attempts === 0)) await flush()
    const why = refused.get(body.idempotencyKey)
    if (why) return { tone: 'bad' as const, message: `Your report was not accepted: ${why}` }
    const stillQueued = loadQueue().some((p) => p.body.idempotencyKey === body.idempotencyKey)
    if (stillQueued) {
      return {
        tone: 'warn' as const,
        message: 'Wardroom cannot be reached right now. Your report is saved on this device and will be sent automatically when the connection is back.',
      }
    }
    return { tone: 'ok' as const, message: 'Thank you. Your report was sent. You can follow it under “Your reports”.' }
  }

  /** Shows the host's screenshot in the form when the key accepts them (asking the server once). */
  async function offerShot() {
    if (shot && !policy) policy = (await listReports(endpoint, browserToken()))?.screenshots ?? null
    ui?.shot(shot && policy?.accepted ? shot : null, policy?.retentionDays ?? 30)
  }

  const takeShot = (url: string | null) => {
    shot = url && SHOT_URL.test(url) && url.length <= (MAX_SHOT_BYTES * 4) / 3 + 30 ? url : null
    if (url !== null && !shot) console.warn('[wardroom widget] setScreenshot takes a PNG or JPEG of at most 2 MB')
    void offerShot().catch(() => {})
  }

  const api: WardroomApi = {
    version: VERSION,
    setContext: quietly((c: Record<string, unknown>) => {
      for (const k of CONTEXT_KEYS) {
        const v = c?.[k]
        if (typeof v === 'string' && v.trim()) context[k] = v.trim().slice(0, MAX_CONTEXT)
        else if (v === null || v === '') delete context[k]
      }
    }),
    setFlagVariants: quietly((v: Record<string, unknown>) => {
      flagVariants = {}
      for (const [k, variant] of Object.entries(v ?? {}).slice(0, 50)) if (typeof variant === 'string' || typeof variant === 'boolean') flagVariants[k] = String(variant)
    }),
    identify: quietly((token: string | null) => {
      identity = typeof token === 'string' && token ? token : undefined
    }),
    setScreenshot: quietly((image: string | Blob | null) => {
      if (typeof Blob !== 'undefined' && image instanceof Blob) {
        if (image.size > MAX_SHOT_BYTES) return takeShot('')
        const reader = new FileReader()
        reader.onload = () => takeShot(typeof reader.result === 'string' ? reader.result : '')
        reader.readAsDataURL(image)
      } else takeShot(typeof image === 'string' ? image : null)
    }),
    open: quietly(() => ui?.open()),
    close: quietly(() => ui?.close()),
  }

  const queued = w.Wardroom?.q ?? []
  w.Wardroom = api
  for (const [method, ...args] of queued) quietly(() => (api[method] as (...a: unknown[]) => void)(...args))()

  const mount = quietly(() => {
    ui = mountUi({
      submit: async (values) => {
        try {
          return await submit(values)
        } catch {
          return { tone: 'bad' as const, message: 'Something went wrong in the feedback widget; your report was not sent.' }
        }
      },
      loadReports: async () => {
        const got = await listReports(endpoint, browserToken())
        if (got) policy = got.screenshots
        return { reports: got?.reports ?? null, waiting: loadQueue().length }
      },
    })
    if (shot) void offerShot().catch(() => {})
  })
  if (document.body) mount()
  else document.addEventListener('DOMContentLoaded', () => mount())

  // Back online: whatever waits goes now, not at the end of its backoff.
  window.addEventListener('online', () => {
    onlineAt = Date.now()
    flushQuietly()
  })
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && flushQuietly())
  flushQuietly()
  quietly(() => window.dispatchEvent(new CustomEvent('wardroom:ready')))()
}

quietly(() => {
  if (w.Wardroom?.version) return // loaded twice: the first copy serves
  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-site-key][src*="widget.js"]')
  if (!script?.getAttribute('data-site-key')) {
    console.warn('[wardroom widget] no data-site-key on the script tag: the widget is off')
    return
  }
  start(script)
})()
