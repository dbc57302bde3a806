/**
 * Secrets the server needs. On the embedded demo they are generated at first start and kept in
 * <data dir>/secrets.json (mode 0600), beside the embedded PostgreSQL's password; with DATABASE_URL
 * (a real deployment) NEXTAUTH_SECRET must be given.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface ServerSecrets {
  NEXTAUTH_SECRET: string
  CRON_SECRET?: string
  WARDROOM_SECRET: string
}

const gen = () => randomBytes(32).toString('base64url')
const secretsFile = (dataDir: string) => path.join(dataDir, 'secrets.json')

function readStore(dataDir: string): Record<string, string> {
  const file = secretsFile(dataDir)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {}
}

function writeStore(dataDir: string, store: Record<string, string>): void {
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(secretsFile(dataDir), JSON.stringify(store, null, 2), { mode: 0o600 })
  chmodSync(secretsFile(dataDir), 0o600)
}

export function readStoredSecret(dataDir: string, key: string): string | undefined {
  return readStore(dataDir)[key]
}

/** Stores one secret (other keys are kept) and returns it. */
export function storeSecret(dataDir: string, key: string, value: string): string {
  writeStore(dataDir, { ...readStore(dataDir), [key]: value })
  return value
}

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
  // Generated once and kept: a secret given in the environment wins for this run but is not stored.
  const stored = readStore(dataDir)
  const keys = ['NEXTAUTH_SECRET', 'CRON_SECRET', 'WARDROOM_SECRET'] as const
  const missing = keys.filter((k) => !stored[k])
  if (missing.length) writeStore(dataDir, { ...stored, ...Object.fromEntries(missing.map((k) => [k, gen()])) })
  const store = readStore(dataDir)
  return {
    NEXTAUTH_SECRET: given.NEXTAUTH_SECRET ?? store.NEXTAUTH_SECRET!,
    CRON_SECRET: given.CRON_SECRET ?? store.CRON_SECRET!,
    WARDROOM_SECRET: given.WARDROOM_SECRET ?? store.WARDROOM_SECRET!,
  }
}
