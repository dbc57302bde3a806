/** The watch's text extraction and diff summaries, on the fixture pages and feeds and small worked examples. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { changeExcerpt, describeDiff, extractFeedItems, extractPageText, feedText, MAX_DIFF_LINES, MAX_EXCERPT_CHARS, normaliseText, summariseDiff, textHash } from './watch-text'

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../test/fixtures/competitors', name), 'utf8')

describe('extractPageText', () => {
  it('keeps headings, paragraphs and list items as lines; leaves out navigation, footer, scripts, styles and link targets', () => {
    expect(extractPageText(fixture('release-notes-v1.html'))).toBe(
      ['Release notes', 'November 2026', '* Ambient documentation: pilot with ten sites.', '* Sepsis model: recalibrated thresholds.'].join('\n'),
    )
  })

  it('reads a table row as one line and collapses runs of spaces', () => {
    expect(extractPageText('<p>Plan   <b>Basic</b></p><table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>$10</td></tr></table>')).toBe('Plan Basic\nPlan Price\nPro $10')
  })

  it('normalises blank lines and surrounding spaces away', () => {
    expect(normaliseText('  a  \n\n\n b\tc \r\n')).toBe('a\nb c')
  })
})

describe('extractFeedItems', () => {
  it('reads RSS items newest first with their date, address and a plain-text summary', () => {
    const items = extractFeedItems(fixture('news-v2.xml'))
    expect(items).toEqual([
      { title: 'New pricing: ambient documentation per clinician', url: 'https://vendor.example/news/pricing', publishedAt: '2026-12-03', summary: 'From $150 to $200 per clinician and month.' },
      { title: 'Vendor joins interoperability alliance', url: 'https://vendor.example/news/alliance', publishedAt: '2026-11-02', summary: 'The vendor joins a FHIR alliance.' },
    ])
    expect(feedText(items)).toBe('2026-12-03 · New pricing: ambient documentation per clinician\n2026-11-02 · Vendor joins interoperability alliance')
  })

  it('reads Atom entries', () => {
    expect(extractFeedItems(fixture('atom.xml'))).toEqual([{ title: 'Expanse 2026.4 released', url: 'https://vendor.example/releases/2026-4', publishedAt: '2026-12-01', summary: 'Adds CDS Hooks support.' }])
  })

  it('throws on text that is no feed', () => {
    expect(() => extractFeedItems('<html><body>Not a feed</body></html>')).toThrow()
  })
})

describe('summariseDiff', () => {
  it('lists the lines added and removed between the two fixture pages', () => {
    const d = summariseDiff(extractPageText(fixture('release-notes-v1.html')), extractPageText(fixture('release-notes-v2.html')))
    expect(d).toEqual({
      added: ['December 2026', '* Ambient documentation: generally available for all specialties.', '* Patient message drafting: now in Spanish. Contact Dr John Smith at 555-123-4567.'],
      removed: ['* Ambient documentation: pilot with ten sites.'],
      addedCount: 3,
      removedCount: 1,
      truncated: false,
    })
    expect(describeDiff(d, 'page')).toBe('3 lines added, 1 removed')
    expect(changeExcerpt(d)).toBe(d.added.join('\n'))
  })

  it('does not count a line that only moved', () => {
    expect(summariseDiff('a\nb\nc', 'a\nc\nd\nb')).toEqual({ added: ['d'], removed: [], addedCount: 1, removedCount: 0, truncated: false })
  })

  it('caps the lines kept, and says so', () => {
    const after = Array.from({ length: MAX_DIFF_LINES + 5 }, (_, i) => `new line ${i}`).join('\n')
    const d = summariseDiff('', after)
    expect(d.added).toHaveLength(MAX_DIFF_LINES)
    expect(d.addedCount).toBe(MAX_DIFF_LINES + 5)
    expect(d.truncated).toBe(true)
    expect(changeExcerpt({ ...d, added: ['x'.repeat(MAX_EXCERPT_CHARS + 10)] })).toHaveLength(MAX_EXCERPT_CHARS)
  })

  it.each([
    [{ addedCount: 1, removedCount: 0 }, 'page', '1 line added'],
    [{ addedCount: 0, removedCount: 2 }, 'page', '2 lines removed'],
    [{ addedCount: 2, removedCount: 1 }, 'page', '2 lines added, 1 removed'],
    [{ addedCount: 0, removedCount: 0 }, 'page', 'Lines reordered'],
    [{ addedCount: 1, removedCount: 0 }, 'feed', '1 new item'],
    [{ addedCount: 3, removedCount: 1 }, 'feed', '3 new items, 1 no longer listed'],
  ] as const)('describes %o on a %s as "%s"', (d, kind, text) => {
    expect(describeDiff(d, kind)).toBe(text)
  })

  it('shows removed lines as the excerpt when nothing was added', () => {
    expect(changeExcerpt(summariseDiff('a\nb', 'a'))).toBe('Removed: b')
  })
})

describe('textHash', () => {
  it('is the sha256 of the text', () => {
    expect(textHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
