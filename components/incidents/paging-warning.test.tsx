/** The "no paging channel enabled" warning and the resolve dialog, server-rendered. */
import { describe, expect, it, vi } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { PagingWarning } from './paging-warning'
import { ResolveDialog } from './resolve-dialog'

vi.mock('@/lib/incidents/actions', () => ({ resolveIncidentAction: vi.fn(), undoResolveIncidentAction: vi.fn() }))

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'").replace(/\s+/g, ' ')
const logOnly = {
  enabled: [
    { name: 'Alerts log file', type: 'file' },
    { name: 'Ops console', type: 'console' },
  ],
  paging: false,
}

describe('PagingWarning', () => {
  it('says that nobody is paged and where notices go instead, with the way to fix it for those who may', () => {
    const html = renderToStaticMarkup(<PagingWarning status={logOnly} canConfigure />)
    expect(html).toContain('role="note"')
    expect(html).toContain('aria-label="No paging channel enabled"')
    expect(text(html)).toContain(
      'No paging channel enabled. New incidents and escalations are only written to Alerts log file (log file) and Ops console (server log): nobody is paged.',
    )
    expect(html).toContain('href="/admin/channels"')
  })

  it('asks others to get a channel enabled, and says so when none is enabled at all', () => {
    const html = renderToStaticMarkup(<PagingWarning status={{ enabled: [], paging: false }} canConfigure={false} />)
    expect(text(html)).toContain('No notification channel is enabled at all: nobody is paged.')
    expect(html).not.toContain('href="/admin/channels"')
    expect(text(html)).toContain('Ask an administrator or the operations team')
  })

  it('is absent while a channel pages someone', () => {
    expect(renderToStaticMarkup(<PagingWarning status={{ enabled: [{ name: 'Pager', type: 'pagerduty' }], paging: true }} canConfigure />)).toBe('')
  })
})

describe('ResolveDialog', () => {
  it('asks for an optional, labelled resolution note and says the resolution can be undone', () => {
    const html = renderToStaticMarkup(<ResolveDialog incident={{ number: 42, title: 'Triage latency' }} onResolve={() => {}} onCancel={() => {}} />)
    expect(text(html)).toContain('Resolve INC-42?')
    expect(html).toMatch(/<textarea[^>]*name="reason"[^>]*maxLength="1000"/)
    expect(html).not.toMatch(/<textarea[^>]*required/)
    expect(text(html)).toContain('You can undo for 10 seconds.')
    expect(html).toMatch(/<label[^>]*>Resolution note/)
  })
})
