import { describe, expect, it } from 'vitest'
import { isOriginAllowed, normalizeOrigin, requestOrigin } from './widget-origins'

describe('normalizeOrigin (an allow-list entry)', () => {
  it.each([
    ['https://EHR.Example.org', 'https://ehr.example.org'],
    ['https://ehr.example.org/', 'https://ehr.example.org'],
    ['https://ehr.example.org:443', 'https://ehr.example.org'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['  http://127.0.0.1:5173 ', 'http://127.0.0.1:5173'],
    ['https://*.Example.org', 'https://*.example.org'],
    ['https://*.example.org:8443', 'https://*.example.org:8443'],
  ])('%s → %s', (raw, origin) => {
    expect(normalizeOrigin(raw)).toEqual({ ok: true, origin })
  })

  it.each([
    ['', 'Empty'],
    ['ehr.example.org', 'Start with http:// or https://'],
    ['ftp://ehr.example.org', 'Start with http:// or https://'],
    ['https://ehr.example.org/app', 'An origin has no path, query or fragment'],
    ['https://ehr.example.org?x=1', 'An origin has no path, query or fragment'],
    ['https://nurse:pw@ehr.example.org', 'No user name or password'],
    ['https://*.org', 'A wildcard needs a domain under it (https://*.example.org)'],
    ['https://', 'Not an address'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(normalizeOrigin(raw)).toEqual({ ok: false, reason })
  })
})

describe('requestOrigin (the Origin header)', () => {
  it('normalises what browsers send and refuses the rest', () => {
    expect(requestOrigin('https://EHR.example.org:443')).toBe('https://ehr.example.org')
    expect(requestOrigin('http://localhost:3000')).toBe('http://localhost:3000')
    expect(requestOrigin('null')).toBeNull()
    expect(requestOrigin(null)).toBeNull()
    expect(requestOrigin('chrome-extension://abc')).toBeNull()
    expect(requestOrigin('not a url')).toBeNull()
  })
})

describe('isOriginAllowed', () => {
  const allowed = ['https://ehr.example.org', 'http://localhost:8080', 'https://*.wards.example.net']

  it.each([
    ['https://ehr.example.org', true],
    ['http://ehr.example.org', false], // another scheme is another origin
    ['https://ehr.example.org:8443', false], // another port too
    ['http://localhost:8080', true],
    ['http://localhost:8081', false],
    ['https://icu.wards.example.net', true],
    ['https://a.icu.wards.example.net', true],
    ['https://wards.example.net', false], // a wildcard covers subdomains only
    ['https://evilwards.example.net', false],
    ['https://icu.wards.example.net.evil.org', false],
    ['http://icu.wards.example.net', false],
    ['https://icu.wards.example.net:444', false],
  ])('%s → %s', (origin, expected) => {
    expect(isOriginAllowed(origin, allowed)).toBe(expected)
  })

  it('allows nothing without an origin or with an empty list', () => {
    expect(isOriginAllowed(null, allowed)).toBe(false)
    expect(isOriginAllowed('https://ehr.example.org', [])).toBe(false)
  })
})
