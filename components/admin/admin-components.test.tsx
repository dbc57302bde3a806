/**
 * Server-renders the admin components and checks what a keyboard or screen-reader user depends on:
 * every control named, destructive controls only where they apply, changes readable without colour.
 */
import { describe, expect, it, vi } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import type { ApiKeyListItem, AuditLogRow } from '@/lib/admin/queries'
import type { AdminUser } from '@/lib/admin/selects'
import { parseAuditSearchParams } from '@/lib/admin/audit-filter'
import { API_SCOPES } from '@/lib/rbac'
import { UserTable } from './user-table'
import { ApiKeyTable } from './api-key-table'
import { AuditTable } from './audit-table'
import { AuditFilterForm } from './audit-filter-form'
import { CreateUserForm } from './create-user-form'
import { CreateApiKeyForm } from './create-api-key-form'
import { SecretReveal } from './secret-reveal'

// The filter form navigates with the App Router; outside Next there is none to mount.
vi.mock('next/navigation', () => ({ useRouter: () => ({ push: () => {}, replace: () => {} }), useSearchParams: () => new URLSearchParams() }))

// The components only pass the actions on; the database is not needed to render them.
vi.mock('@/lib/admin/actions', () => ({
  createUserAction: vi.fn(),
  createApiKeyAction: vi.fn(),
  changeRoleAction: vi.fn(),
  disableUserAction: vi.fn(),
  enableUserAction: vi.fn(),
  revokeApiKeyAction: vi.fn(),
}))

const now = new Date('2026-03-01T12:00:00Z')

/** Ids of inputs, selects and textareas that have neither a <label for> nor an aria-label. */
function unlabelled(html: string): string[] {
  const controls = [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)].map((m) => m[0])
  return controls.filter((tag) => {
    if (/\saria-label="/.test(tag)) return false
    const id = /\sid="([^"]+)"/.exec(tag)?.[1]
    return !id || !html.includes(`for="${id}"`)
  })
}

/** The body rows of the first table, as HTML. */
const bodyRows = (html: string) => html.split('<tbody')[1]!.split('<tr').slice(1)

/** Text without tags. */
const text = (html: string) => html.replace(/<[^>]+>/g, '')

/** The text of the element whose id is referenced by the first aria-describedby in `tag`. */
function describedText(html: string, tag: string): string | undefined {
  const ref = /aria-describedby="([^"]+)"/.exec(tag)?.[1]?.split(' ').pop()
  const m = ref ? new RegExp(`id="${ref}"[^>]*>(.*?)</(p|div)>`).exec(html) : null
  return m ? text(m[1]!) : undefined
}

const user = (over: Partial<AdminUser>): AdminUser => ({
  id: 'u1',
  email: 'a@x.test',
  name: 'A',
  role: 'ops',
  disabledAt: null,
  lastLoginAt: null,
  createdAt: now,
  ...over,
})

const key = (over: Partial<ApiKeyListItem>): ApiKeyListItem => ({
  id: 'k1',
  name: 'Epic bridge',
  prefix: 'wr_abcdefabcdef',
  scopes: ['alerts:write', 'read'],
  environment: 'production',
  createdById: null,
  createdBy: null,
  createdAt: now,
  lastUsedAt: null,
  revokedAt: null,
  expiresAt: null,
  status: 'active',
  ...over,
})

describe('UserTable', () => {
  const html = renderToStaticMarkup(
    <UserTable
      currentUserId="me"
      users={[user({ id: 'me', email: 'me@x.test', role: 'admin', lastLoginAt: now }), user({ id: 'u2', email: 'b@x.test' }), user({ id: 'u3', email: 'c@x.test', disabledAt: now })]}
    />,
  )
  const rows = bodyRows(html)

  it('names every control', () => {
    expect(unlabelled(html)).toEqual([])
  })

  it('offers no role change or disable on your own row', () => {
    expect(rows[0]).not.toContain('<select')
    expect(rows[0]).not.toContain('<button')
    expect(text(rows[0]!)).toContain('This is you')
    expect(text(rows[1]!)).toContain('Save role of b@x.test')
  })

  it('says "never" for no sign-in, and Disable or Enable by status, in words', () => {
    expect(text(rows[1]!)).toContain('never')
    expect(text(rows[1]!)).toContain('Disable b@x.test')
    expect(text(rows[2]!)).toContain('Enable c@x.test')
    expect(text(rows[2]!)).toContain('Disabled')
  })
})

describe('ApiKeyTable', () => {
  const rows = bodyRows(renderToStaticMarkup(<ApiKeyTable keys={[key({}), key({ id: 'k2', name: 'Old', status: 'revoked', revokedAt: now })]} />))

  it('shows scopes as chips, the prefix, and "never" when unused', () => {
    const chips = /<ul[^>]*aria-label="Scopes"[^>]*>(.*?)<\/ul>/.exec(rows[0]!)![1]!
    expect([...chips.matchAll(/<li>(.*?)<\/li>/g)].map((m) => text(m[1]!))).toEqual(['alerts:write', 'read'])
    expect(text(rows[0]!)).toContain('wr_abcdefabcdef…')
    expect(text(rows[0]!)).toContain('never')
  })

  it('asks before revoking, and only keys that are not revoked', () => {
    expect(rows[0]).toMatch(/<dialog[^>]*>.*Revoke the key “Epic bridge”\?/)
    expect(rows[1]).not.toContain('<button')
    expect(text(rows[1]!)).toContain('Revoked')
  })
})

describe('AuditTable', () => {
  const personId = '123e4567-e89b-12d3-a456-426614174000'
  const row: AuditLogRow = {
    id: '9',
    at: now,
    actorType: 'apikey',
    actorId: 'k1',
    actorLabel: 'key:Epic',
    action: 'user.role.change',
    targetType: 'user',
    targetId: personId,
    summary: { role: { from: 'ops', to: 'admin' } },
    count: 1200,
  }
  const names = { people: new Map([['u1', 'Ada Lovelace']]), targets: new Map([[`user:${personId}`, 'Grace Hopper']]) }
  const values = parseAuditSearchParams({ action: 'user.role.change' }).values
  const [html] = bodyRows(renderToStaticMarkup(<AuditTable rows={[row]} names={names} values={values} />))

  it('reads a change as words, not only as an arrow', () => {
    expect(text(/<li[^>]*>(.*?)<\/li>/.exec(html!)![1]!)).toBe('role:changed fromopstoadmin')
  })

  it('names the action and the target in words, not by code and short id', () => {
    expect(text(html!)).toContain('Role changed')
    expect(text(html!)).not.toContain('user.role.change')
    expect(text(html!)).toContain('UserGrace Hopper')
    expect(text(html!)).not.toContain('123e4567')
    // The key's name without the stored "key:" prefix.
    expect(text(html!)).toMatch(/^[^]*EpicAPI key/)
  })

  it('links actor, action and target to a narrower filter that keeps the current one', () => {
    const links = [...html!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'))
    expect(links).toEqual([
      '/admin/audit?actor=k1&action=user.role.change',
      '/admin/audit?action=user.role.change',
      `/admin/audit?action=user.role.change&targetType=user&targetId=${personId}`,
    ])
    expect(text(html!.split('<td').pop()!)).toContain('1,200')
  })

  it('shows a person by name with the e-mail under it, and people in the details by name', () => {
    const signedIn: AuditLogRow = { ...row, actorType: 'user', actorId: 'u1', actorLabel: 'ada@example.org', action: 'incident.assign', targetType: 'incident', targetId: 'i1', summary: { assignee: { from: null, to: 'u1' } } }
    const [cells] = bodyRows(renderToStaticMarkup(<AuditTable rows={[signedIn]} names={names} values={values} />))
    expect(text(cells!)).toContain('Ada Lovelaceada@example.org')
    expect(text(cells!)).toContain('Incident assigned')
    expect(text(/<li[^>]*>(.*?)<\/li>/.exec(cells!)![1]!)).toBe('assignee:changed from—toAda Lovelace')
  })
})

describe('AuditFilterForm', () => {
  const parsed = parseAuditSearchParams({ action: 'user.gone', from: '2026-02-30' })
  const html = renderToStaticMarkup(<AuditFilterForm values={parsed.values} invalid={parsed.invalid} actions={['user.create']} targetTypes={['user']} />)

  it('is a GET form to the audit page with every field named', () => {
    const form = /<form[^>]*>/.exec(html)![0]
    expect(form).toContain('action="/admin/audit"')
    expect(form).not.toMatch(/method="post"/i)
    expect(unlabelled(html)).toEqual([])
  })

  it('applies as it changes: no Apply button, except for browsers without JavaScript', () => {
    expect(html).toMatch(/<noscript><button type="submit"[^>]*>Apply filters<\/button><\/noscript>/)
    expect(html.replace(/<noscript>.*?<\/noscript>/g, '')).not.toContain('Apply filters')
  })

  it('names each action in words, with its code to filter by', () => {
    const select = /<select[^>]*name="action"[^>]*>(.*?)<\/select>/.exec(html)![1]!
    expect(select).toContain('<option value="user.create">User added (user.create)</option>')
  })

  it('keeps an unknown action selectable and explains an ignored value next to its field', () => {
    const select = /<select[^>]*name="action"[^>]*>(.*?)<\/select>/.exec(html)![1]!
    expect([...select.matchAll(/value="([^"]*)"/g)].map((m) => m[1])).toEqual(['', 'user.gone', 'user.create'])
    const from = /<input[^>]*name="from"[^>]*>/.exec(html)![0]
    expect(from).toContain('aria-invalid="true"')
    expect(describedText(html, from)).toBe('Not a date; ignored')
  })
})

describe('forms', () => {
  it('create user: every field named, a live region for the outcome', () => {
    const html = renderToStaticMarkup(<CreateUserForm />)
    expect(unlabelled(html)).toEqual([])
    expect(html).toContain('aria-live="polite"')
    expect(/<input[^>]*name="password"[^>]*>/.exec(html)![0]).toContain('autoComplete="new-password"')
  })

  it('create API key: one checkbox per scope inside a fieldset with a legend', () => {
    const html = renderToStaticMarkup(<CreateApiKeyForm />)
    expect(unlabelled(html)).toEqual([])
    const fieldset = /<fieldset[^>]*>(.*?)<\/fieldset>/.exec(html)![1]!
    expect(text(/<legend[^>]*>(.*?)<\/legend>/.exec(fieldset)![1]!)).toContain('Scopes')
    expect(fieldset.match(/type="checkbox"[^>]*name="scopes"/g)).toHaveLength(API_SCOPES.length)
  })

  it('secret reveal: read-only, labelled, with the warning linked to it', () => {
    const html = renderToStaticMarkup(<SecretReveal label="New API key" value="wr_secret" note="You won't see this again." />)
    const input = /<input[^>]*>/.exec(html)![0]
    expect(input).toContain('readOnly=""')
    expect(unlabelled(html)).toEqual([])
    expect(describedText(html, input)).toBe('You won&#x27;t see this again.')
  })
})
