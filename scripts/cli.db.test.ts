import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { verifyApiKey } from '@/lib/auth/api-keys'
import { verifyPassword } from '@/lib/auth/password'
import { uid } from '@/test/factories'
import { runCli } from '@/test/run-script'

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1)

// Each case spawns the CLI (tsx start-up, scrypt hashing) several times: seconds each on a busy 2-core machine.
describe('npm run cli', { timeout: 120_000 }, () => {
  it('apikey:create prints the key as the last line; the key verifies and the creation is audited as the CLI', async () => {
    const name = uid('cli-key')
    const r = await runCli(['apikey:create', '--name', name, '--scopes', 'alerts:write,read', '--env', 'staging'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const key = lastLine(r.stdout)!
    const principal = await verifyApiKey(key)
    expect(principal).toMatchObject({ name, scopes: ['alerts:write', 'read'], environment: 'staging' })
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'apikey.create', targetId: principal!.id } })
    expect(audit).toMatchObject({ actorType: 'system', actorId: null })
    expect(audit.actorLabel).toMatch(/^cli:.+/)

    const revoked = await runCli(['apikey:revoke', '--prefix', principal!.prefix])
    expect(revoked).toMatchObject({ code: 0 })
    expect(revoked.stdout).toContain(`revoked API key ${name}`)
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: principal!.id } })).revokedAt).not.toBeNull()
  })

  it('exits 2 on an unknown scope, a missing option or an unknown command, and writes nothing', async () => {
    const name = uid('cli-bad')
    const bad = await runCli(['apikey:create', '--name', name, '--scopes', 'read,root'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('unknown scope root')
    expect(bad.stdout).toBe('')
    expect(await db.apiKey.count({ where: { name } })).toBe(0)
    expect((await runCli(['user:create', '--role', 'ops'])).code).toBe(2)
    expect((await runCli(['user:launch'])).code).toBe(2)
  })

  it('user:create takes the password from stdin; user:disable disables; a duplicate fails with exit 1', async () => {
    const email = `${uid('cli-user')}@test.wardroom.local`
    const created = await runCli(['user:create', '--email', email, '--role', 'pm', '--name', 'CLI Person'], 'a piped password 123\n')
    expect(created.code).toBe(0)
    expect(created.stdout).toContain(`created user ${email}`)
    expect(created.stdout).not.toContain('generated password')
    const user = await db.user.findUniqueOrThrow({ where: { email } })
    expect(await verifyPassword('a piped password 123', user.passwordHash)).toBe(true)

    const dup = await runCli(['user:create', '--email', email, '--role', 'pm'], 'another password 456')
    expect(dup.code).toBe(1)
    expect(dup.stderr).toContain('already exists')

    const disabled = await runCli(['user:disable', '--email', email])
    expect(disabled.code).toBe(0)
    expect((await db.user.findUniqueOrThrow({ where: { email } })).disabledAt).not.toBeNull()
  })

  it('user:create generates and prints a password when stdin is empty, and refuses a short one', async () => {
    const email = `${uid('cli-gen')}@test.wardroom.local`
    const created = await runCli(['user:create', '--email', email, '--role', 'viewer'])
    expect(created.code).toBe(0)
    const password = lastLine(created.stdout)!
    const user = await db.user.findUniqueOrThrow({ where: { email } })
    expect(await verifyPassword(password, user.passwordHash)).toBe(true)

    const short = await runCli(['user:create', '--email', `${uid('cli-short')}@test.wardroom.local`, '--role', 'viewer'], 'short')
    expect(short.code).toBe(2)
    expect(short.stderr).toContain('12 characters')
  })

  it('audit:verify reports an intact chain; help lists the commands', async () => {
    const r = await runCli(['audit:verify'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^audit chain intact: \d+ rows$/m)
    const help = await runCli(['help'])
    expect(help.code).toBe(0)
    for (const c of ['user:create', 'user:disable', 'apikey:create', 'apikey:revoke', 'audit:verify']) expect(help.stdout).toContain(c)
  })
})
