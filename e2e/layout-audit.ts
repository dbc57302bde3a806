/**
 * Layout rules checked in the browser (e2e/layout.spec.ts). `auditLayout` runs inside the page, so it is
 * self-contained: no imports, no closures over this module.
 *
 * The rules, for every visible element:
 * 1. The document never scrolls sideways (scrollWidth <= clientWidth of <html>).
 * 2. Nothing overflows its own box: an element whose content is wider than it (scrollWidth > clientWidth)
 *    must be a scroll container (overflow-x auto/scroll, e.g. the table wrapper), which is the one sanctioned
 *    way for wide content. Only the innermost overflowing element is reported.
 * 3. Clipped text (overflow hidden/clip, text-overflow ellipsis) is a fault, unless the truncation is
 *    intentional and still readable: the element (or its nearest ancestor) carries a `title` with the full
 *    text, and it keeps at least MIN_TRUNCATED_EM (8em, about 14 characters) of width. "Emer…" fails both.
 *    A select whose chosen option does not fit beside its arrow ("All enviror") is clipped text too.
 * 4. Nothing sticks out of a bordered box (a card, a tile, a table's frame): every descendant's border box
 *    lies within the box's, except inside a scroll container that is itself within the box.
 * 5. At a wide viewport (>= WIDE_PX) no table needs to scroll sideways: at 1440 px every column shows.
 *    Except a table marked `data-grows-sideways`: a comparison matrix with a column per compared thing (the
 *    competitor matrix), which keeps its header row and first column in view while it scrolls.
 *    Narrower, a table that cannot fit even reflowed scrolls inside its own box (rule 2 allows it), whose
 *    faded edge shows that more columns are there.
 */
export interface LayoutProblem {
  /** `table-scrolls` is not a fault below WIDE_PX, only worth knowing: the test reports it as a note. */
  rule: 'document-overflow' | 'overflow' | 'clipped' | 'outside-box' | 'table-scroll' | 'table-scrolls'
  /** A short CSS-like path to the element, e.g. `main > section#flags > div > table`. */
  where: string
  /** The element's text, shortened. */
  text: string
  detail: string
}

export const MIN_TRUNCATED_EM = 8
export const WIDE_PX = 1400

export function auditLayout(args: { minTruncatedEm: number; widePx: number }): LayoutProblem[] {
  const problems: LayoutProblem[] = []
  const TOLERANCE = 1
  const describe = (el: Element): string => {
    const parts: string[] = []
    let cur: Element | null = el
    while (cur && cur !== document.body && parts.length < 6) {
      let part = cur.tagName.toLowerCase()
      if (cur.id) part += `#${cur.id}`
      else {
        const label = cur.getAttribute('aria-label') ?? cur.getAttribute('aria-labelledby')
        if (label) part += `[${label.slice(0, 40)}]`
      }
      parts.unshift(part)
      cur = cur.parentElement
    }
    return parts.join(' > ')
  }
  const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80)
  const add = (rule: LayoutProblem['rule'], el: Element, detail: string) => problems.push({ rule, where: describe(el), text: textOf(el), detail })

  const root = document.documentElement
  if (root.scrollWidth > root.clientWidth + TOLERANCE) {
    add('document-overflow', root, `document is ${root.scrollWidth}px wide in a ${root.clientWidth}px viewport`)
  }

  // Visible, laid-out elements only: no display:none, no visibility:hidden, no screen-reader-only 1px boxes.
  const visible = (el: HTMLElement, cs: CSSStyleDeclaration) => {
    if (cs.display === 'none' || cs.visibility === 'hidden' || cs.display === 'contents') return false
    return el.offsetWidth > 1 && el.offsetHeight > 1
  }
  const isScroller = (cs: CSSStyleDeclaration) => cs.overflowX === 'auto' || cs.overflowX === 'scroll'
  const clips = (cs: CSSStyleDeclaration) => cs.overflowX === 'hidden' || cs.overflowX === 'clip'

  const all = Array.from(document.body.querySelectorAll<HTMLElement>('*')).filter(
    (el) => el instanceof HTMLElement && !el.closest('svg, script, style, template, noscript'),
  )
  const styles = new Map<HTMLElement, CSSStyleDeclaration>()
  const shown: HTMLElement[] = []
  for (const el of all) {
    const cs = getComputedStyle(el)
    if (!visible(el, cs)) continue
    styles.set(el, cs)
    shown.push(el)
  }

  // Rules 2 and 3.
  const overflowing: HTMLElement[] = []
  for (const el of shown) {
    const cs = styles.get(el)!
    if (cs.display === 'inline' || cs.display === 'table-row-group' || cs.display === 'table-row') continue
    if (el.scrollWidth <= el.clientWidth + TOLERANCE) continue
    if (isScroller(cs)) continue
    if (clips(cs) || cs.textOverflow === 'ellipsis') {
      const fontSize = parseFloat(cs.fontSize) || 16
      const titled = el.closest('[title]')?.getAttribute('title') ?? ''
      const full = textOf(el)
      const readable = el.clientWidth >= args.minTruncatedEm * fontSize
      if (!titled || !titled.replace(/\s+/g, ' ').includes(full.slice(0, 40)) || !readable) {
        add('clipped', el, `${el.scrollWidth}px of content cut to ${el.clientWidth}px${titled ? '' : ', no title with the full text'}`)
      }
      continue
    }
    overflowing.push(el)
  }
  for (const el of overflowing) {
    if (overflowing.some((o) => o !== el && el.contains(o))) continue
    add('overflow', el, `${el.scrollWidth}px of content in a ${el.clientWidth}px box`)
  }

  // Rule 3, selects: the browser draws the chosen option's text, so measure it (and allow for the arrow).
  const ARROW_PX = 20
  const canvas = document.createElement('canvas').getContext('2d')
  for (const select of shown.filter((el): el is HTMLSelectElement => el instanceof HTMLSelectElement && !el.multiple)) {
    const option = select.selectedOptions[0]
    if (!canvas || !option) continue
    const cs = styles.get(select)!
    canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`
    const needed = canvas.measureText(option.text).width + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + ARROW_PX
    if (needed > select.clientWidth + TOLERANCE) {
      problems.push({ rule: 'clipped', where: describe(select), text: option.text, detail: `select needs ${Math.ceil(needed)}px to show its choice, has ${select.clientWidth}px` })
    }
  }

  // Rule 4: each element against its nearest bordered box, unless a scroll or clip container comes first.
  const rects = new Map<HTMLElement, DOMRect>()
  const rectOf = (el: HTMLElement) => {
    let r = rects.get(el)
    if (!r) rects.set(el, (r = el.getBoundingClientRect()))
    return r
  }
  const isBox = (el: HTMLElement, cs: CSSStyleDeclaration) =>
    parseFloat(cs.borderLeftWidth) > 0 && parseFloat(cs.borderRightWidth) > 0 && cs.display !== 'inline' && !el.matches('input, select, textarea, button')
  const reported = new Set<HTMLElement>()
  for (const el of shown) {
    if (styles.get(el)!.position === 'fixed') continue
    let box: HTMLElement | null = null
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const ucs = styles.get(up)
      if (!ucs) continue
      if (isBox(up, ucs)) {
        box = up
        break
      }
      if (isScroller(ucs) || clips(ucs)) break
    }
    if (!box || reported.has(box)) continue
    const r = rectOf(el)
    const b = rectOf(box)
    if (r.right > b.right + TOLERANCE || r.left < b.left - TOLERANCE) {
      reported.add(box)
      add('outside-box', el, `spans ${Math.round(r.left)}–${Math.round(r.right)}px, its box ${describe(box)} ${Math.round(b.left)}–${Math.round(b.right)}px`)
    }
  }

  // Rule 5.
  for (const table of document.querySelectorAll<HTMLElement>('table')) {
    const wrap = table.parentElement
    if (!wrap || !styles.has(table) || table.hasAttribute('data-grows-sideways')) continue
    const cs = styles.get(wrap)
    if (!cs || !isScroller(cs)) continue
    if (wrap.scrollWidth > wrap.clientWidth + TOLERANCE) {
      const wide = window.innerWidth >= args.widePx
      add(wide ? 'table-scroll' : 'table-scrolls', table, `needs ${wrap.scrollWidth}px in ${wrap.clientWidth}px${wide ? ' at a wide viewport' : ''}`)
    }
  }
  return problems
}
