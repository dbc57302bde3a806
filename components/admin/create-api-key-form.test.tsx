/** The API-key form's name rule: the server's schema, checked as the person types and shown beside the field. */
import { describe, expect, it, vi } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { API_KEY_NAME_RULE, CreateApiKeyInput } from '@/lib/admin/schema'
import { CreateApiKeyForm, NewApiKeyProvider, NewApiKeyReveal, nameProblem } from './create-api-key-form'

vi.mock('@/lib/admin/actions', () => ({ createApiKeyAction: vi.fn() }))

describe('nameProblem', () => {
  it.each([
    ['Epic alert bridge', undefined],
    ['grafana-prod_2:eu.1', undefined],
    ['Epic bridge (prod)', 'Use letters, digits, spaces and . _ : - only (no brackets or other symbols)'],
    ['-leading-dash', 'Start with a letter or digit'],
    ['   ', 'Name the key after the system that uses it'],
    ['x'.repeat(81), 'At most 80 characters'],
  ])('%j → %s', (name, problem) => {
    expect(nameProblem(name)).toBe(problem)
  })

  it('agrees with what the server accepts', () => {
    for (const name of ['Epic alert bridge', 'Epic bridge (prod)', '-x', 'ok.name']) {
      const server = CreateApiKeyInput.safeParse({ name, scopes: ['read'] })
      expect(nameProblem(name) === undefined, name).toBe(server.success)
    }
  })
})

describe('CreateApiKeyForm', () => {
  it('states the naming rule beside the field before anything is typed', () => {
    const html = renderToStaticMarkup(<CreateApiKeyForm />)
    const input = /<input[^>]*name="name"[^>]*>/.exec(html)![0]
    const hintId = /aria-describedby="([^"]+)"/.exec(input)![1]!
    const hint = new RegExp(`<p[^>]*id="${hintId}"[^>]*>(.*?)</p>`).exec(html)![1]!
    expect(hint.replace(/<[^>]+>/g, '')).toContain(API_KEY_NAME_RULE.replace(/"/g, '&quot;'))
    expect(input).toContain('maxLength="80"')
  })

  it('shows no key at the top until one is created', () => {
    expect(renderToStaticMarkup(<NewApiKeyProvider><NewApiKeyReveal /></NewApiKeyProvider>)).toBe('')
  })
})
