/**
 * The outbound guard against real sockets on 127.0.0.1: refused without the allow-list (nothing reaches the
 * peer), delivered with it, one DNS answer used for the connection, redirects not followed, bodies capped,
 * timeouts, and error texts that name no address or port.
 */
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { OutboundError, outboundErrorText, outboundRequest, setOutboundAllowListForTests, vetHost, type LookupAll } from './outbound'

interface Peer {
  url: string
  port: number
  hits: { path: string; host: string | undefined }[]
  close(): Promise<void>
}

async function peer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Peer> {
  const hits: Peer['hits'] = []
  const server = http.createServer((req, res) => {
    hits.push({ path: req.url ?? '', host: req.headers.host })
    handler(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const kindOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof OutboundError ? e.kind : 'other'),
  )

let ok: Peer
let second: Peer
let redirecting: Peer
let big: Peer
let silent: Peer

beforeAll(async () => {
  ok = await peer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('fine'))
  second = await peer((_req, res) => res.writeHead(200).end('second'))
  redirecting = await peer((_req, res) => res.writeHead(302, { location: `${second.url}/target` }).end())
  big = await peer((req, res) => {
    const chunk = Buffer.alloc(64 * 1024, 'x')
    // 2 MB, chunked (no content-length) unless ?declared, so the cap must work on the stream itself.
    if (req.url?.includes('declared')) res.writeHead(200, { 'content-length': String(32 * chunk.length) })
    else res.writeHead(200)
    let sent = 0
    const pump = () => {
      while (sent < 32) {
        sent++
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    pump()
  })
  silent = await peer(() => undefined) // accepts, never answers
})
afterAll(async () => {
  for (const p of [ok, second, redirecting, big, silent]) await p.close()
})
afterEach(() => setOutboundAllowListForTests(null))

describe('outboundRequest', () => {
  it('refuses loopback without the allow-list, and the peer receives nothing', async () => {
    await expect(outboundRequest(`${ok.url}/x`)).rejects.toThrow('Refused by policy')
    await expect(outboundRequest(`http://[::ffff:127.0.0.1]:${ok.port}/x`)).rejects.toThrow('Refused by policy')
    await expect(outboundRequest(`http://0x7f.1:${ok.port}/x`)).rejects.toThrow('Refused by policy') // URL parsing normalises to 127.0.0.1
    await expect(outboundRequest('http://169.254.169.254/latest/meta-data/')).rejects.toThrow('Refused by policy')
    expect(ok.hits).toHaveLength(0)
  })

  it('delivers once 127.0.0.1 is allow-listed', async () => {
    setOutboundAllowListForTests('127.0.0.1/32')
    const res = await outboundRequest(`${ok.url}/hello?q=1`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
    expect(res).toMatchObject({ status: 200 })
    expect(res.body.toString()).toBe('fine')
    expect(ok.hits.at(-1)).toMatchObject({ path: '/hello?q=1' })
  })

  it('resolves a name once and connects to that vetted address, keeping the name in Host', async () => {
    let lookups = 0
    const lookup: LookupAll = async () => {
      lookups++
      // A rebinding resolver: public at first, loopback afterwards. Only the first answer may be used.
      return lookups === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.1', family: 4 }]
    }
    await expect(outboundRequest(`http://hooks.example.test:${ok.port}/n`, { lookup })).rejects.toThrow('Refused by policy')
    expect(ok.hits).toHaveLength(1) // (from the previous test only)

    setOutboundAllowListForTests('hooks.example.test')
    lookups = 0
    const res = await outboundRequest(`http://hooks.example.test:${ok.port}/named`, { lookup })
    expect(res.status).toBe(200)
    expect(lookups).toBe(1)
    expect(ok.hits.at(-1)).toEqual({ path: '/named', host: `hooks.example.test:${ok.port}` })
  })

  it('refuses a name when any of its addresses is refused', async () => {
    const lookup: LookupAll = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ]
    await expect(vetHost('mixed.example.test', { lookup })).rejects.toThrow('Refused by policy')
  })

  it('does not follow a redirect, so a redirect to a refused address is never requested', async () => {
    setOutboundAllowListForTests(`127.0.0.1`)
    const res = await outboundRequest(`${redirecting.url}/start`)
    expect(res.status).toBe(302)
    expect(second.hits).toHaveLength(0)
  })

  it('cuts a body over 1 MB (streamed or declared) and fails with "Response body too large"', async () => {
    setOutboundAllowListForTests('127.0.0.1')
    await expect(outboundRequest(`${big.url}/stream`)).rejects.toThrow('Response body too large')
    await expect(outboundRequest(`${big.url}/declared`)).rejects.toThrow('Response body too large')
    const small = await outboundRequest(`${big.url}/stream`, { maxBodyBytes: 4 * 1024 * 1024 })
    expect(small.body.length).toBe(2 * 1024 * 1024)
  })

  it('times out, reports a refused connection and a DNS failure, naming no address or port', async () => {
    setOutboundAllowListForTests('127.0.0.1')
    const started = Date.now()
    const timedOut = outboundRequest(`${silent.url}/slow`, { timeoutMs: 200 })
    await expect(timedOut).rejects.toThrow('Timed out after 200 ms')
    expect(Date.now() - started).toBeLessThan(2000)

    const gone = await peer(() => undefined)
    await gone.close()
    const refused = await outboundRequest(`${gone.url}/x`).catch((e: unknown) => e)
    expect(outboundErrorText(refused)).toBe('Connection refused')

    const noDns: LookupAll = async () => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND nowhere.example.test`), { code: 'ENOTFOUND' })
    }
    const dnsFailed = await outboundRequest('http://nowhere.example.test/', { lookup: noDns }).catch((e: unknown) => e)
    expect(outboundErrorText(dnsFailed)).toBe('DNS lookup failed')

    for (const e of [refused, dnsFailed]) expect(String((e as Error).message)).not.toMatch(/127\.0\.0\.1|:\d{2,5}|nowhere/)
  })

  it('https: sends the original name as SNI and verifies the certificate (an untrusted one fails as "TLS handshake failed")', async () => {
    const sni: string[] = []
    const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT, SNICallback: (name, cb) => (sni.push(name), cb(null)) }, (_req, res) => res.end('tls'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      setOutboundAllowListForTests('127.0.0.1')
      const port = (server.address() as AddressInfo).port
      const lookup: LookupAll = async () => [{ address: '127.0.0.1', family: 4 }]
      await expect(outboundRequest(`https://hooks.example.test:${port}/`, { lookup })).rejects.toThrow('TLS handshake failed')
      expect(sni).toEqual(['hooks.example.test'])
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('refuses URLs that are not http(s)', async () => {
    expect(await kindOf(outboundRequest('file:///etc/passwd'))).toBe('invalid_url')
    expect(await kindOf(outboundRequest('not a url'))).toBe('invalid_url')
  })

  it('the test hook cannot be used outside tests', () => {
    vi.stubEnv('NODE_ENV', 'production')
    try {
      expect(() => setOutboundAllowListForTests('0.0.0.0/0')).toThrow(/tests only/)
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

// A self-signed certificate for hooks.example.test (test only; not trusted by anything).
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgtjRCrAMDqSv6H2O5
JSMN5RFUi7WhEJ6muWxdpj/MpzmhRANCAASgkmBwQleg0XAOB0hDNYdr9dvP4Y7W
cboa2UJTq04xIdNeS2K7dHoWdcCcpSzr/YZQGlg7Bflf8FySP/rQV2vz
-----END PRIVATE KEY-----`
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBsTCCAVagAwIBAgIUPocMkxK8dBTEoF0e0j0PR44AC10wCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSaG9va3MuZXhhbXBsZS50ZXN0MCAXDTI2MTIwNjE1NDEwOVoY
DzIxMjYxMTEyMTU0MTA5WjAdMRswGQYDVQQDDBJob29rcy5leGFtcGxlLnRlc3Qw
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASgkmBwQleg0XAOB0hDNYdr9dvP4Y7W
cboa2UJTq04xIdNeS2K7dHoWdcCcpSzr/YZQGlg7Bflf8FySP/rQV2vzo3IwcDAd
BgNVHQ4EFgQURbDYS5I6DAQFzIxZizreLI7dY9YwHwYDVR0jBBgwFoAURbDYS5I6
DAQFzIxZizreLI7dY9YwDwYDVR0TAQH/BAUwAwEB/zAdBgNVHREEFjAUghJob29r
cy5leGFtcGxlLnRlc3QwCgYIKoZIzj0EAwIDSQAwRgIhAK6qoc3/UTTz5XT0zVTp
yhahV+2LXzXYWTZFRSDvjgVRAiEAnACZ7zNYNQvdIvhWL093u2Vaqwh3TWXAwdgn
peG3IMI=
-----END CERTIFICATE-----`
