import { describe, expect, it } from 'vitest'
import { safeCallbackPath } from './redirect'

const ORIGIN = 'https://wardroom.example.org'

describe('safeCallbackPath', () => {
  it.each([
    ['/', '/'],
    ['/incidents', '/incidents'],
    ['/slo/triage-latency?range=7d#chart', '/slo/triage-latency?range=7d#chart'],
    ['/flags/a%2Fb', '/flags/a%2Fb'],
    ['/incidents?service=triage api', '/incidents?service=triage%20api'],
    ['/admin/../slo', '/slo'],
  ])('keeps the same-origin path %j', (raw, expected) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe(expected)
  })

  it.each([
    ['//evil.example'],
    ['///evil.example'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r\n/evil.example'],
    ['\t//evil.example'],
    [' //evil.example'],
    ['https://evil.example'],
    ['https://evil.example/incidents'],
    ['http://wardroom.example.org/incidents'], // same host, other scheme: another origin
    ['https://wardroom.example.org.evil.example/'],
    ['https:evil.example'],
    ['//wardroom.example.org@evil.example'],
    ['/%2F%2Fevil.example'],
    ['/%2fevil.example'],
    ['/%5Cevil.example'],
    ['/%5c%5cevil.example'],
    ['javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['evil.example'],
    ['incidents'],
    [''],
    [null],
    [undefined],
    ['/' + 'a'.repeat(3000)],
  ])('refuses %j', (raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe('/')
  })

  it('accepts an absolute URL on our own origin (next-auth hands those out) as its path', () => {
    expect(safeCallbackPath(`${ORIGIN}/incidents?severity=critical`, ORIGIN)).toBe('/incidents?severity=critical')
  })

  it('refuses absolute URLs when no origin is given', () => {
    expect(safeCallbackPath(`${ORIGIN}/incidents`)).toBe('/')
  })
})
