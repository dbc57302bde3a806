/**
 * The widget's interface in a shadow root: a floating button and a modal <dialog> (the browser makes the
 * page behind it inert; Tab is also wrapped inside it, Esc closes it and focus returns to the button). Two
 * views: the form (type, description, optional rating, the host's screenshot when there is one and the
 * key accepts it — unticked —, the note about patient identifiers) and "Your reports". Every label is a real <label> or <legend>; messages go to a polite live region.
 */
import { CSS } from './styles'
import type { Report } from './transport'

export const TYPES: [value: string, label: string][] = [
  ['bug', 'Bug'],
  ['suggestion', 'Suggestion'],
  ['clinical_safety', 'Clinical safety concern'],
  ['praise', 'Praise'],
]
const STATUS_LABELS: Record<string, string> = { received: 'Received', in_review: 'In review', planned: 'Planned', fixed: 'Fixed', closed: 'Closed', waiting: 'Waiting to send' }
const TYPE_LABELS: Record<string, string> = Object.fromEntries(TYPES)

type Attrs = Record<string, string | boolean | undefined>
type Child = Node | string | null | undefined | false

function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue
    el.setAttribute(k, v === true ? '' : v)
  }
  for (const c of children) if (c) el.append(c)
  return el
}

export interface FormValues {
  type: string
  description: string
  rating?: number
  /** The clinician ticked "Attach this screenshot" (only offered when the host set one). */
  attachScreenshot: boolean
}

export interface UiHandlers {
  submit(values: FormValues): Promise<{ tone: 'ok' | 'warn' | 'bad'; message: string }>
  loadReports(): Promise<{ reports: Report[] | null; waiting: number }>
}

export interface Ui {
  open(): void
  close(): void
  say(tone: 'ok' | 'warn' | 'bad', message: string): void
  /** Offers the host's screenshot (a data URL) in the form, or removes it (null). */
  shot(url: string | null, retentionDays: number): void
}

const FOCUSABLE = 'button:not([disabled]),textarea,input:not([disabled]),[href],[tabindex]:not([tabindex="-1"])'

export function mountUi(handlers: UiHandlers): Ui {
  const host = h('div', { 'data-wardroom-feedback': '' })
  const root = host.attachShadow({ mode: 'open' })
  const wrap = h('div', { class: 'wr' })
  // A constructed stylesheet is not an inline style for the host's CSP (no 'unsafe-inline' needed); a
  // <style> element is the fallback for browsers without adoptedStyleSheets.
  try {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(CSS)
    root.adoptedStyleSheets = [sheet]
  } catch {
    const style = document.createElement('style')
    style.textContent = CSS
    root.append(style)
  }
  root.append(wrap)

  const launch = h('button', { type: 'button', class: 'launch', 'aria-haspopup': 'dialog' }, 'Feedback')
  const dialog = h('dialog', { 'aria-labelledby': 'wr-title' }) as HTMLDialogElement
  const title = h('h2', { id: 'wr-title' }, 'Send feedback')
  const toggle = h('button', { type: 'button', class: 'btn link' }, 'Your reports')
  const closeBtn = h('button', { type: 'button', class: 'btn secondary', 'aria-label': 'Close feedback' }, '×')
  const live = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' })

  // The form. The type error describes the group and each radio: Orca reads a focused radio's description,
  // not its group's (lib/feedback/README.md, "Accessibility").
  const typeError = h('p', { class: 'error', id: 'wr-type-error', hidden: true })
  const typeSet = h(
    'fieldset',
    { 'aria-describedby': 'wr-type-error' },
    h('legend', {}, 'What kind of feedback?'),
    h('div', { class: 'choices' }, ...TYPES.map(([value, label]) => h('label', {}, h('input', { type: 'radio', name: 'wr-type', value, 'aria-describedby': 'wr-type-error' }), label))),
    typeError,
  )
  const descError = h('p', { class: 'error', id: 'wr-desc-error', hidden: true })
  const desc = h('textarea', { id: 'wr-desc', name: 'description', maxlength: '5000', 'aria-describedby': 'wr-note wr-desc-error' }) as HTMLTextAreaElement
  const ratingSet = h(
    'fieldset',
    {},
    h('legend', {}, 'Rating (optional: 1 poor, 5 great)'),
    h(
      'div',
      { class: 'choices' },
      h('label', {}, h('input', { type: 'radio', name: 'wr-rating', value: '', checked: true }), 'None'),
      ...[1, 2, 3, 4, 5].map((n) => h('label', {}, h('input', { type: 'radio', name: 'wr-rating', value: String(n) }), String(n))),
    ),
  )
  // The host's screenshot: shown only when there is one, never ticked for the clinician.
  const shotImg = h('img', { class: 'thumb', alt: 'Screenshot of this screen, supplied by the app' }) as HTMLImageElement
  const shotCheck = h('input', { type: 'checkbox', id: 'wr-shot', name: 'wr-shot', 'aria-describedby': 'wr-shot-note' }) as HTMLInputElement
  const shotNote = h('p', { class: 'hint', id: 'wr-shot-note' })
  const shotBox = h('div', { class: 'shot', hidden: true }, shotImg, h('label', { class: 'check', for: 'wr-shot' }, shotCheck, 'Attach this screenshot'), shotNote)
  const send = h('button', { type: 'submit', class: 'btn' }, 'Send')
  const cancel = h('button', { type: 'button', class: 'btn secondary' }, 'Cancel')
  const form = h(
    'form',
    { novalidate: true },
    h('p', { class: 'note', id: 'wr-note' }, 'Do not enter patient identifiers (names, MRNs, dates of birth). Anything that looks like one is removed before it is stored.'),
    typeSet,
    h('label', { class: 'label', for: 'wr-desc' }, 'What happened?'),
    desc,
    descError,
    ratingSet,
    shotBox,
    h('div', { class: 'actions' }, cancel, send),
  ) as HTMLFormElement

  // Your reports.
  const list = h('div', { 'aria-live': 'polite' })
  const reportsView = h('section', { 'aria-label': 'Your reports', hidden: true }, list)

  dialog.append(h('div', { class: 'head' }, title, toggle, closeBtn), h('div', { class: 'body' }, form, reportsView, live))
  wrap.append(launch, dialog)
  document.body.append(host)

  const say = (tone: 'ok' | 'warn' | 'bad', message: string) => {
    live.className = `status ${tone}`
    live.textContent = message
  }
  const fieldError = (el: HTMLElement, box: HTMLElement, message: string | null) => {
    box.textContent = message ?? ''
    box.hidden = !message
    if (message) el.setAttribute('aria-invalid', 'true')
    else el.removeAttribute('aria-invalid')
  }
  const checked = (name: string) => (form.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement | null)?.value ?? ''

  const showForm = () => {
    reportsView.hidden = true
    form.hidden = false
    title.textContent = 'Send feedback'
    toggle.textContent = 'Your reports'
  }
  const showReports = async () => {
    form.hidden = true
    reportsView.hidden = false
    title.textContent = 'Your reports'
    toggle.textContent = 'New report'
    list.replaceChildren(h('p', {}, 'Loading your reports…'))
    const { reports, waiting } = await handlers.loadReports()
    const items: HTMLElement[] = []
    if (waiting > 0) items.push(h('li', {}, h('div', { class: 'row' }, h('span', {}, `${waiting} report${waiting === 1 ? '' : 's'} on this device`), h('span', { class: 'pill' }, STATUS_LABELS.waiting))))
    if (reports === null) {
      const retry = h('button', { type: 'button', class: 'btn secondary' }, 'Try again')
      retry.addEventListener('click', () => void showReports())
      list.replaceChildren(h('p', { class: 'error' }, 'Your reports could not be loaded. Check the connection and try again.'), retry)
      if (items.length) list.prepend(h('ul', {}, ...items))
      return
    }
    for (const r of reports) {
      const when = new Date(r.createdAt)
      items.push(
        h(
          'li',
          {},
          h('div', { class: 'row' }, h('span', {}, `FB-${r.number} · ${TYPE_LABELS[r.type] ?? r.type}`), h('span', { class: 'pill' }, STATUS_LABELS[r.status] ?? r.status)),
          h('p', { class: 'excerpt' }, r.excerpt),
          h('p', { class: 'hint' }, h('time', { datetime: r.createdAt }, isNaN(when.getTime()) ? '' : when.toLocaleString())),
        ),
      )
    }
    list.replaceChildren(items.length ? h('ul', {}, ...items) : h('p', {}, 'You have not sent any reports from this browser yet.'))
  }

  const open = () => {
    if (dialog.open) return
    showForm()
    say('ok', '')
    dialog.showModal()
    ;(form.querySelector('input[name="wr-type"]') as HTMLInputElement | null)?.focus()
  }
  const close = () => {
    if (dialog.open) dialog.close()
  }

  launch.addEventListener('click', open)
  closeBtn.addEventListener('click', close)
  cancel.addEventListener('click', close)
  toggle.addEventListener('click', () => (reportsView.hidden ? void showReports() : showForm()))
  // Esc closes (the dialog's own cancel); focus goes back to the button that opened it.
  dialog.addEventListener('close', () => launch.focus())
  // The focus trap: Tab and Shift+Tab wrap around inside the dialog.
  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return
    const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]') && el.getClientRects().length > 0)
    if (!focusable.length) return
    const first = focusable[0]!
    const last = focusable[focusable.length - 1]!
    const active = root.activeElement
    if (e.shiftKey && (active === first || !dialog.contains(active))) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
      e.preventDefault()
      first.focus()
    }
  })

  // An error goes as soon as it is fixed, so a screen reader does not read a stale one on the field.
  typeSet.addEventListener('change', () => fieldError(typeSet, typeError, null))
  desc.addEventListener('input', () => desc.value.trim() && fieldError(desc, descError, null))

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const type = checked('wr-type')
    const description = desc.value.trim()
    fieldError(typeSet, typeError, type ? null : 'Choose what kind of feedback this is.')
    fieldError(desc, descError, description ? null : 'Describe what happened.')
    if (!type) return (typeSet.querySelector('input') as HTMLInputElement).focus()
    if (!description) return desc.focus()
    const rating = Number(checked('wr-rating')) || undefined
    send.setAttribute('disabled', '')
    try {
      const result = await handlers.submit({ type, description, ...(rating ? { rating } : {}), attachScreenshot: !shotBox.hidden && shotCheck.checked })
      say(result.tone, result.message)
      // Focus stays on Send: moving it (to the first field) made Orca drop the polite announcement of the
      // outcome in favour of the newly focused field (measured, lib/feedback/README.md, "Accessibility").
      if (result.tone !== 'bad') form.reset()
    } finally {
      send.removeAttribute('disabled')
    }
  })

  const shot = (url: string | null, days: number) => {
    shotBox.hidden = !url
    shotCheck.checked = false
    if (url) shotImg.src = url
    else shotImg.removeAttribute('src')
    shotNote.textContent = `It may show patient information. If attached, it is kept for ${days} days and only triage staff see it.`
  }

  return { open, close, say, shot }
}
