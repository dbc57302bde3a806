import { afterEach, describe, expect, it } from 'vitest'
import { setOutboundAllowListForTests, type LookupAll } from '@/lib/http/outbound'
import { vettedSmtpOptions } from './email'

const config = { host: 'smtp.hospital.test', port: 587, secure: false, username: 'wardroom', from: 'w@hospital.test', to: ['o@hospital.test'] }
const resolvesTo =
  (...addresses: string[]): LookupAll =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))

afterEach(() => setOutboundAllowListForTests(null))

describe('SMTP through the outbound address policy', () => {
  it('connects to the vetted address and keeps the name for TLS (SNI and certificate check)', async () => {
    const o = await vettedSmtpOptions(config, { password: 'pw' }, 5000, resolvesTo('93.184.215.14'))
    expect(o).toMatchObject({ host: '93.184.215.14', port: 587, tls: { servername: 'smtp.hospital.test' }, auth: { user: 'wardroom', pass: 'pw' } })
  })

  it.each([['127.0.0.1'], ['10.1.2.3'], ['169.254.169.254'], ['::ffff:192.168.0.10']])('refuses an SMTP host resolving to %s', async (address) => {
    await expect(vettedSmtpOptions(config, {}, 5000, resolvesTo(address))).rejects.toThrow('Refused by policy')
  })

  it('an allow-listed internal relay is accepted', async () => {
    setOutboundAllowListForTests('10.1.0.0/16')
    expect(await vettedSmtpOptions(config, {}, 5000, resolvesTo('10.1.2.3'))).toMatchObject({ host: '10.1.2.3', tls: { servername: 'smtp.hospital.test' } })
  })
})
