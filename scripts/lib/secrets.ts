/**
 * Secrets the server needs. On the embedded demo they are generated at first start and kept in
 * <data dir>/secrets.json (mode 0600); with DATABASE_URL (a real deployment) NEXTAUTH_SECRET must be given.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'

export interface ServerSecrets {
  NEXTAUTH_SECRET: string
  CRON_SECRET?: string
  WARDROOM_SECRET: string
}

const gen = () => randomBytes(32).toString('base64url')

export function resolveSecrets(dataDir: string, embedded: boolean): ServerSecrets {
  const given = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
    CRON_SECRET: process.env.CRON_SECRET,
    WARDROOM_SECRET: process.env.WARDROOM_SECRET,
  }
  if (!embedded) {
    if (!given.NEXTAUTH_SECRET) {
      throw new Error('NEXTAUTH_SECRET must be set when DATABASE_URL is set (generate one with: openssl rand -base64 32).')
    }
    return {
      NEXTAUTH_SECRET: given.NEXTAUTH_SECRET,
      CRON_SECRET: given.CRON_SECRET,
      WARDROOM_SECRET: given.WARDROOM_SECRET ?? given.NEXTAUTH_SECRET,
    }
  }
  const file = path.join(dataDir, 'secrets.json')
  let stored: Partial<ServerSecrets> = {}
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<ServerSecrets>
  const secrets: ServerSecrets = {
    NEXTAUTH_SECRET: given.NEXTAUTH_SECRET ?? stored.NEXTAUTH_SECRET ?? gen(),
    CRON_SECRET: given.CRON_SECRET ?? stored.CRON_SECRET ?? gen(),
    WARDROOM_SECRET: given.WARDROOM_SECRET ?? stored.WARDROOM_SECRET ?? gen(),
  }
  const toStore = {
    NEXTAUTH_SECRET: stored.NEXTAUTH_SECRET ?? secrets.NEXTAUTH_SECRET,
    CRON_SECRET: stored.CRON_SECRET ?? secrets.CRON_SECRET,
    WARDROOM_SECRET: stored.WARDROOM_SECRET ?? secrets.WARDROOM_SECRET,
  }
  if (JSON.stringify(toStore) !== JSON.stringify(stored)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, JSON.stringify(toStore, null, 2), { mode: 0o600 })
  }
  return secrets
}
