/**
 * `npm start` (and `npm run dev`): build when needed, open the database (the embedded PostgreSQL server
 * in <data dir>/pg on a Unix socket, or DATABASE_URL), apply migrations as the owner role
 * (DATABASE_MIGRATE_URL) and grant the runtime role its privileges, seed the demo on the first
 * embedded start, create the first administrator, then run the Next.js server with DATABASE_URL pointing
 * at that database. This process supervises both: on SIGINT/SIGTERM it stops Next first, then PostgreSQL.
 */
import { configLoaded } from './lib/config-errors'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { dataDir, env } from '../lib/env'
import { closeDb } from '../lib/db'
import { DataDirectoryInUseError, embeddedPaths } from './lib/embedded'
import { isConfigError } from '../lib/config-error'
import { migrateDatabase, openForServer, SAME_ROLE_WARNING } from './lib/database'
import { resolveSecrets } from './lib/secrets'
import { ensureBootstrapAdmin } from './lib/bootstrap'
import { seedIfWanted } from '../prisma/seed-runner'

const mode = process.argv[2] === 'dev' ? 'dev' : 'start'
const say = (m: string) => console.log(`[wardroom] ${m}`)
const nextBin = path.resolve('node_modules/next/dist/bin/next')

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let max = st.mtimeMs
  for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== '.next') max = Math.max(max, newestMtime(path.join(p, e)))
  return max
}

function buildIfNeeded(): void {
  const buildId = path.resolve('.next/BUILD_ID')
  const sources = ['app', 'components', 'lib', 'public', 'proxy.ts', 'instrumentation.ts', 'next.config.ts', 'package-lock.json']
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0
  if (built && sources.every((s) => newestMtime(path.resolve(s)) <= built)) return
  say(built ? 'sources changed since the last build: building…' : 'no production build yet: building (one to three minutes on two cores)…')
  const r = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } })
  if (r.status !== 0) {
    console.error('[wardroom] next build failed')
    process.exit(r.status ?? 1)
  }
}

async function main(): Promise<void> {
  configLoaded()
  const t0 = Date.now()
  if (mode === 'start' && process.env.WARDROOM_SKIP_BUILD !== '1') buildIfNeeded()

  let conn
  try {
    conn = await openForServer(say)
  } catch (e) {
    if (e instanceof DataDirectoryInUseError) {
      console.error(`[wardroom] ${e.message}`)
      process.exit(1)
    }
    throw e
  }
  const secrets = resolveSecrets(dataDir, conn.embedded)

  // Migrations run as the owner; the app (and everything below) as the runtime role.
  const { applied, separateRoles } = await migrateDatabase(conn, say)
  if (applied.length === 0) say('database schema is up to date')
  if (!separateRoles) say(SAME_ROLE_WARNING)

  await seedIfWanted({ embedded: conn.embedded, log: say })
  await ensureBootstrapAdmin((m) => console.log(m))
  await closeDb()

  const port = env.PORT
  // Production: scripts/server.ts (Next plus the machine routes served directly); development: `next dev`.
  // WARDROOM_SERVER_NODE_ARGS: extra Node.js options for that process (--max-old-space-size=…, --cpu-prof).
  const nodeArgs = (process.env.WARDROOM_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)
  const args = mode === 'start' ? [...nodeArgs, '--import', 'tsx', path.resolve('scripts/server.ts')] : [...nodeArgs, nextBin, mode, '-p', String(port)]
  const child = spawn(process.execPath, args, {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...secrets,
      DATABASE_URL: conn.url,
      NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      ...(mode === 'start' ? { NODE_ENV: 'production' } : {}),
      WARDROOM_SUPERVISOR_PID: String(process.pid),
      // /health reads the embedded server's state (running, restarting after an unexpected exit) from here.
      ...(conn.embedded ? { WARDROOM_EMBEDDED_STATE: embeddedPaths(dataDir).stateFile } : {}),
    },
  })
  say(`database ready in ${Date.now() - t0} ms; serving on http://localhost:${port}`)

  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL')
          r(null)
        }, 10_000)
        child.once('exit', () => {
          clearTimeout(t)
          r(null)
        })
      })
    }
    await conn.close()
    process.exit(code)
  }
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))
  child.on('exit', (code) => void stop(code ?? 0))
}

main().catch((e: unknown) => {
  // A wrong setting is the operator's to fix: its message says how; a stack trace would only hide it.
  const shown = isConfigError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)
  console.error(`[wardroom] start failed: ${shown}`)
  process.exit(1)
})
