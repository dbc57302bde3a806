/**
 * Pure helpers of FilterForm: the URL a filter form stands for, which fields apply at once and which wait
 * for typing to pause, and what a field should show for a given URL.
 */

/** Typing in these waits for a pause; every other control (select, checkbox, date) applies on change. */
const TYPED = new Set(['text', 'search', 'email', 'tel', 'url', 'number'])
const NOT_FIELDS = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'file'])

export type ApplyMode = 'now' | 'after-typing' | 'never'

/** When a change to a control applies the filter. */
export function applyMode(control: { tagName: string; type: string }): ApplyMode {
  const tag = control.tagName.toLowerCase()
  if (tag === 'select') return 'now'
  if (tag === 'textarea') return 'after-typing'
  if (tag !== 'input' || NOT_FIELDS.has(control.type)) return 'never'
  return TYPED.has(control.type) ? 'after-typing' : 'now'
}

/** The list page with the filter's non-empty fields as its query, in form order (a clean, shareable URL). */
export function filterHref(action: string, entries: Iterable<[string, FormDataEntryValue]>): string {
  const query = new URLSearchParams()
  for (const [name, value] of entries) if (typeof value === 'string' && value.trim() !== '') query.append(name, value.trim())
  const search = query.toString()
  return search ? `${action}?${search}` : action
}

/** What a field shows for this URL: a checkbox or radio is checked when its value is among its name's. */
export function fieldStateFor(
  field: { name: string; type: string; value: string },
  params: URLSearchParams,
): { checked: boolean } | { value: string } {
  if (field.type === 'checkbox' || field.type === 'radio') return { checked: params.getAll(field.name).includes(field.value) }
  return { value: params.get(field.name) ?? '' }
}
