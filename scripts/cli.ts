/**
 * `npm run cli -- <command>`: administration from a shell, on the embedded database (also while the server
 * runs, through its socket) or DATABASE_URL. The writes are lib/admin's commands, shared with the admin
 * pages; this file parses and validates arguments, prints, and maps errors to exit codes: 2 for bad usage
 * or invalid input, 1 for a failure. Every change is audited as the system actor `cli:<OS user>`.
 */
import os from 'node:os'
import { verifyAuditChain } from '@/lib/audit-verify'
import { parseArgs } from 'node:util'
import { connectForTool, migrateDatabase } from './lib/database'
import { closeDb } from '../lib/db'
import { systemActor, type Actor } from '@/lib/auth/actor'
import { ApiError, parseOrThrow } from '@/lib/errors'
import { API_SCOPES, ROLES } from '../lib/rbac'
import { createUser, disableUser, resetUserPassword } from '@/lib/admin/commands/users'
import { createApiKey, revokeApiKey } from '@/lib/admin/commands/api-keys'
import { API_KEY_ENVIRONMENTS, ApiKeyRef, CreateApiKeyInput, CreateUserInput, PASSWORD_MIN_LENGTH, UserRef } from '../lib/admin/schema'
import { jobNames } from '../lib/jobs/registry'
import { runJob } from '../lib/jobs/runner'
import { readFile, writeFile } from 'node:fs/promises'
import { db } from '../lib/db'
import { applyOpenSlo, readExportableSlos } from '../lib/slo/manage'
import { formatIssue, parseOpenSlo } from '../lib/slo/openslo'
import { exportOpenSlo } from '../lib/slo/openslo-export'
import { applySummary, outcomeLine } from '../lib/slo/openslo-words'

class UsageError extends Error {}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options']
type Values = Record<string, string | boolean | undefined>

interface Command {
  usage: string
  summary: string
  options: Options
  run: (values: Values, actor: Actor) => Promise<number>
}

const str = (v: Values, name: string): string | undefined => (typeof v[name] === 'string' ? (v[name] as string) : undefined)

function required(v: Values, name: string): string {
  const value = str(v, name)?.trim()
  if (!value) throw new UsageError(`--${name} is required`)
  return value
}

/** A password piped on stdin (`echo "$PW" | npm run cli -- user:create …`); none from a terminal. */
async function passwordFromStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
  return text.length ? text : undefined
}

async function textFromStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const COMMANDS: Record<string, Command> = {
  'user:create': {
    usage: `user:create --email E --role R [--name N]   (R: ${ROLES.join(' | ')})`,
    summary: `Create a user. The password is read from stdin when piped (at least ${PASSWORD_MIN_LENGTH} characters), otherwise generated and printed once.`,
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
    async run(v, actor) {
      const email = required(v, 'email')
      const role = required(v, 'role')
      const password = await passwordFromStdin()
      const { user, generatedPassword } = await createUser(actor, parseOrThrow(CreateUserInput, { email, role, name: str(v, 'name'), password }))
      console.log(`created user ${user.email} (${user.role}, id ${user.id})`)
      if (generatedPassword) {
        console.log('generated password (shown once; ask the user to change it after signing in):')
        console.log(generatedPassword)
      }
      return 0
    },
  },
  'user:disable': {
    usage: 'user:disable --email E   (or --id ID)',
    summary: 'Disable a user: their sessions end at their next request.',
    options: { email: { type: 'string' }, id: { type: 'string' } },
    async run(v, actor) {
      const ref = str(v, 'email') ?? str(v, 'id')
      if (!ref) throw new UsageError('--email or --id is required')
      const { user, changed } = await disableUser(actor, parseOrThrow(UserRef, ref))
      console.log(changed ? `disabled user ${user.email}` : `user ${user.email} was already disabled`)
      return 0
    },
  },
  'apikey:create': {
    usage: `apikey:create --name N --scopes a,b [--env ${API_KEY_ENVIRONMENTS.join('|')}] [--expires YYYY-MM-DD]`,
    summary: `Create an API key and print it once, as the last line. Scopes: ${API_SCOPES.join(', ')}.`,
    options: { name: { type: 'string' }, scopes: { type: 'string' }, env: { type: 'string' }, expires: { type: 'string' } },
    async run(v, actor) {
      const name = required(v, 'name')
      const scopes = required(v, 'scopes')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s))
      if (unknown.length) throw new UsageError(`unknown scope ${unknown.join(', ')}; known scopes: ${API_SCOPES.join(', ')}`)
      const { key, row } = await createApiKey(
        actor,
        parseOrThrow(CreateApiKeyInput, { name, scopes, environment: str(v, 'env') ?? 'production', expiresAt: str(v, 'expires') }),
      )
      console.log(`created API key ${row.name} (id ${row.id}, prefix ${row.prefix}, scopes ${row.scopes.join(',')}, environment ${row.environment})`)
      console.log('Store the key now; it is not shown again:')
      console.log(key)
      return 0
    },
  },
  'apikey:revoke': {
    usage: 'apikey:revoke --id ID   (or --prefix wr_…)',
    summary: 'Revoke an API key; every instance refuses it within seconds.',
    options: { id: { type: 'string' }, prefix: { type: 'string' } },
    async run(v, actor) {
      const ref = str(v, 'id') ?? str(v, 'prefix')
      if (!ref) throw new UsageError('--id or --prefix is required')
      const { row, changed } = await revokeApiKey(actor, parseOrThrow(ApiKeyRef, ref))
      console.log(changed ? `revoked API key ${row.name} (${row.prefix})` : `API key ${row.name} (${row.prefix}) was already revoked`)
      return 0
    },
  },
  'audit:verify': {
    usage: 'audit:verify',
    summary: 'Check the audit hash chain against its signed checkpoints; exit 1 and name the first bad position if rows were altered, reordered, truncated or cut, or a checkpoint was forged.',
    options: {},
    async run() {
      const result = await verifyAuditChain()
      for (const warning of result.checkpoints?.warnings ?? []) console.error(`warning: ${warning}`)
      if (result.ok) {
        console.log(`audit chain intact: ${result.checked} rows`)
        if (result.checkpoints) console.log(`checkpoints: ${result.checkpoints.verified} verified (${result.checkpoints.source})`)
        return 0
      }
      const b = result.brokenAt
      console.error(`audit chain broken at row ${b?.id} (${b?.kind}): ${b?.reason} (${result.checked} rows before it verified)`)
      return 1
    },
  },
  'user:reset-password': {
    usage: 'user:reset-password --email E',
    summary: 'Set a new generated password for a user and print it once (the last line of stdout).',
    options: { email: { type: 'string' } },
    async run(v, actor) {
      const { user, password } = await resetUserPassword(actor, parseOrThrow(UserRef, required(v, 'email')))
      console.log(`new password for ${user.email} (shown once):`)
      console.log(password)
      return 0
    },
  },
  'slo:apply': {
    usage: 'slo:apply --file F   (F: an OpenSLO v1 YAML file, or - for stdin)',
    summary: 'Create or update the SLOs an OpenSLO file defines, in one transaction; prints what changed ("unchanged" when nothing did). A refused file names the line and field; nothing is written.',
    options: { file: { type: 'string' } },
    async run(v, actor) {
      const file = required(v, 'file')
      const text = file === '-' ? await textFromStdin() : await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read ${file}: ${e.code ?? e.message}`)
      })
      const parsed = parseOpenSlo(text)
      for (const w of parsed.warnings) console.error(`warning: ${file}: ${formatIssue(w)}`)
      const result = parsed.ok ? await applyOpenSlo(actor, parsed.slos) : parsed
      if (!result.ok) {
        for (const e of result.errors) console.error(`${file}: ${formatIssue(e)}`)
        console.error('nothing was applied')
        return 2
      }
      for (const o of result.outcomes) console.log(outcomeLine(o))
      console.log(applySummary(result.outcomes))
      return 0
    },
  },
  'slo:export': {
    usage: 'slo:export [--out F] [--key a,b]',
    summary: 'Write the SLOs in force (or the given keys, archived ones included) as OpenSLO v1 YAML to stdout or F; applying it back changes nothing.',
    options: { out: { type: 'string' }, key: { type: 'string' } },
    async run(v) {
      const keys = str(v, 'key')?.split(',').map((k) => k.trim()).filter(Boolean)
      const slos = await readExportableSlos(db, keys?.length ? keys : undefined)
      const text = exportOpenSlo(slos)
      const out = str(v, 'out')
      if (out) {
        await writeFile(out, text)
        console.error(`wrote ${slos.length} SLO(s) to ${out}`)
      } else {
        process.stdout.write(text)
      }
      return 0
    },
  },
  'job:run': {
    usage: 'job:run --name J',
    summary: 'Run a periodic job now (as the scheduler would) and print its outcome; exit 1 when it failed.',
    options: { name: { type: 'string' } },
    async run(v) {
      const name = required(v, 'name')
      if (!jobNames().includes(name)) throw new UsageError(`unknown job ${name}; jobs: ${jobNames().join(', ')}`)
      const outcome = await runJob(name, 'cli')
      console.log(JSON.stringify({ job: outcome.job, status: outcome.status, durationMs: outcome.durationMs, result: outcome.result, error: outcome.error }))
      return outcome.status === 'failed' ? 1 : 0
    },
  },
}

function help(): string {
  const lines = ['usage: npm run cli -- <command> [options]', '', 'commands:']
  for (const c of Object.values(COMMANDS)) lines.push(`  ${c.usage}`, `      ${c.summary}`)
  lines.push('  help', '      Show this help.')
  return lines.join('\n')
}

function cliActor(): Actor {
  let user: string
  try {
    user = os.userInfo().username
  } catch {
    user = process.env.USER ?? 'unknown'
  }
  return systemActor(`cli:${user}`)
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(help())
    return name ? 0 : 2
  }
  const command = COMMANDS[name]
  if (!command) {
    console.error(`unknown command ${name}\n\n${help()}`)
    return 2
  }
  let values: Values
  try {
    values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npm run cli -- ${command.usage}`)
    return 2
  }

  const conn = await connectForTool((m) => console.error(m))
  try {
    if (conn.embedded && !conn.shared) {
      // This process opened the embedded database itself (no server running): bring its schema up to date.
      await migrateDatabase(conn, (m) => console.error(m))
    }
    return await command.run(values, cliActor())
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\nusage: npm run cli -- ${command.usage}`)
      return 2
    }
    if (e instanceof ApiError) {
      console.error(e.message)
      return e.status === 400 || e.status === 422 ? 2 : 1
    }
    console.error(`${name} failed: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  } finally {
    await closeDb()
    await conn.close()
  }
}

process.exitCode = await main(process.argv.slice(2))
