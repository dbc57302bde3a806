/**
 * The production deployment files, checked offline (no container engine here): compose.yaml against the
 * Compose Specification's JSON schema (vendored, see test/fixtures/compose-spec/README.md), then what this
 * app needs of them — two app instances behind the proxy with the in-process scheduler off, healthchecks,
 * a cron line for every registered job on its own schedule, a non-root Dockerfile with a HEALTHCHECK, and
 * every setting a production instance requires, documented in the README and in deploy/.env.example.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import Ajv from 'ajv'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { jobs } from '@/lib/jobs/registry'
import composeSchema from '@/test/fixtures/compose-spec/compose-spec.json'

const root = path.resolve(import.meta.dirname, '../..')
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

interface Healthcheck {
  test?: string | string[]
  disable?: boolean
}
interface Service {
  build?: unknown
  image?: string
  command?: string[]
  environment?: Record<string, string>
  depends_on?: Record<string, { condition: string }>
  healthcheck?: Healthcheck
  volumes?: string[]
  ports?: string[]
}
interface Compose {
  services: Record<string, Service>
  volumes?: Record<string, unknown>
}

const composeText = read('compose.yaml')
const compose = parse(composeText, { merge: true }) as Compose
const services = compose.services
/** Services running the app server: built from the Dockerfile, with its default command. */
const appNames = Object.keys(services).filter((n) => services[n]!.build !== undefined && services[n]!.command === undefined)
const nginx = read('deploy/nginx.conf')

// Compose durations ("15s", "1m30s"); the port and address formats are left to the engine.
const duration = /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/
const validator = new Ajv({ allErrors: true, formats: { duration, ports: () => true, expose: () => true, subnet_ip_address: () => true } })
const { $schema: _meta, ...schema } = composeSchema as Record<string, unknown>
const validateCompose = validator.compile(schema)

describe('compose.yaml against the Compose Specification schema', () => {
  it('is valid', () => {
    const ok = validateCompose(compose)
    expect(validateCompose.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('would catch a misspelt key or a bad duration (the check is not vacuous)', () => {
    const broken = structuredClone(compose)
    ;(broken.services['app-1']!.healthcheck as Record<string, unknown>).intervall = '15s'
    expect(validateCompose(broken)).toBe(false)
    const badDuration = structuredClone(compose)
    ;(badDuration.services['app-1']!.healthcheck as Record<string, unknown>).interval = 'fifteen seconds'
    expect(validateCompose(badDuration)).toBe(false)
  })
})

describe('compose.yaml for this app', () => {
  it('runs two app instances with the in-process scheduler off, behind a proxy that waits for both', () => {
    expect(appNames).toEqual(['app-1', 'app-2'])
    for (const name of appNames) {
      const env = services[name]!.environment!
      expect(env.WARDROOM_SCHEDULER).toBe('off')
      expect(env.TRUST_PROXY_HOPS).toBe('1')
      expect(services[name]!.ports).toBeUndefined() // reached only through the proxy
    }
    expect(services['app-1']!.environment).toEqual(services['app-2']!.environment)
    const proxy = services.proxy!
    expect(proxy.image).toMatch(/^nginx:\d+\.\d+\.\d+/)
    for (const name of appNames) expect(proxy.depends_on?.[name]?.condition).toBe('service_healthy')
    expect(proxy.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro')
  })

  it('has nginx balance over exactly those instances and pass the client address on', () => {
    const upstream = /upstream wardroom \{([^}]*)\}/.exec(nginx)![1]!
    expect([...upstream.matchAll(/server ([\w-]+):3000/g)].map((m) => m[1])).toEqual(appNames)
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/)
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/)
    // The public listener refuses /api/cron/; the internal one (unpublished) serves it.
    expect(nginx).toMatch(/listen 8080;[\s\S]*location \/api\/cron\/ \{\s*return 404;/)
    expect(nginx).toMatch(/listen 8081;[\s\S]*location \/api\/cron\/ \{\s*proxy_pass http:\/\/wardroom;/)
    expect(services.proxy!.ports).toEqual(['${WARDROOM_HTTP_PORT:-8080}:8080'])
  })

  it('gives every long-running service a healthcheck; the app ones probe /health', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'migrate') {
        expect(service.command).toEqual(['node', '--import', 'tsx', 'scripts/db-migrate.ts'])
        continue
      }
      expect(service.healthcheck?.disable, name).not.toBe(true)
      expect(service.healthcheck?.test, name).toEqual(expect.arrayContaining(['CMD']))
    }
    for (const name of appNames) expect([services[name]!.healthcheck!.test!].flat().join(' ')).toContain('http://127.0.0.1:3000/health')
  })

  it('migrates once, with the repo runner, before the first instance; the second waits for the first', () => {
    expect(existsSync(path.join(root, 'scripts/db-migrate.ts'))).toBe(true)
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } })
    expect(services['app-1']!.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } })
    expect(services['app-2']!.depends_on).toEqual({ 'app-1': { condition: 'service_healthy' } })
  })

  it('runs PostgreSQL 15 or newer with a volume, a healthcheck and the role set-up script', () => {
    const pg = services.postgres!
    expect(Number(/^postgres:(\d+)/.exec(pg.image!)![1])).toBeGreaterThanOrEqual(15)
    expect(pg.volumes).toContain('postgres-data:/var/lib/postgresql')
    expect(Object.keys(compose.volumes!)).toEqual(expect.arrayContaining(['postgres-data', 'wardroom-data']))
    expect(pg.healthcheck!.test).toEqual(expect.arrayContaining(['pg_isready']))
    // No embedded database: the instances connect to this service, as the runtime and the owner roles.
    const env = services['app-1']!.environment!
    expect(env.DATABASE_URL).toMatch(/^postgresql:\/\/wardroom_app:\$\{[A-Z_]+:\?[^}]+\}@postgres:5432\/wardroom$/)
    expect(env.DATABASE_MIGRATE_URL).toMatch(/^postgresql:\/\/wardroom_owner:\$\{[A-Z_]+:\?[^}]+\}@postgres:5432\/wardroom$/)
    const init = read('deploy/postgres/init-roles.sh')
    expect(init).toMatch(/CREATE ROLE wardroom_owner LOGIN NOSUPERUSER/)
    expect(init).toMatch(/CREATE ROLE wardroom_app LOGIN NOSUPERUSER NOCREATEDB/)
  })

  it('mounts only files that exist', () => {
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!
        if (source.startsWith('./')) expect(existsSync(path.join(root, source)), source).toBe(true)
      }
    }
  })
})

describe('the external cron', () => {
  const lines = read('deploy/cron/crontab')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const m = /^(\S+ \S+ \S+ \S+ \S+)\s+\/usr\/local\/bin\/run-job (--every \d+ )?([a-z0-9-]+) >\/proc\/1\/fd\/1 2>\/proc\/1\/fd\/2$/.exec(l)
      expect(m, l).not.toBeNull()
      return { schedule: m![1]!, every: m![2] ? Number(m![2].split(' ')[1]) : null, job: m![3]! }
    })

  /** A registry schedule as crontab can say it: 5 fields, plus run-job's --every for one in seconds. */
  function asCrontab(schedule: string): { schedule: string; every: number | null } {
    const fields = schedule.trim().split(/\s+/)
    if (fields.length === 5) return { schedule: fields.join(' '), every: null }
    const [seconds, ...rest] = fields
    if (seconds === '0') return { schedule: rest.join(' '), every: null }
    const step = /^\*\/(\d+)$/.exec(seconds!)
    if (step && 60 % Number(step[1]) === 0 && rest.join(' ') === '* * * * *') return { schedule: rest.join(' '), every: Number(step[1]) }
    throw new Error(`schedule ${schedule} has no crontab form: teach deploy/cron/run-job.sh`)
  }

  it('calls every registered job, and only those, on the schedule the job declares', () => {
    const registered = Object.fromEntries(jobs.map((j) => [j.name, asCrontab(j.schedule)]))
    expect(Object.fromEntries(lines.map((l) => [l.job, { schedule: l.schedule, every: l.every }]))).toEqual(registered)
    expect(lines).toHaveLength(jobs.length) // no job called twice
  })

  it('calls the proxy internal listener with the bearer secret, which the instances share', () => {
    const runJob = read('deploy/cron/run-job.sh')
    expect(runJob).toContain('--header "Authorization: Bearer $(cat "$secret_file")"')
    expect(runJob).toContain('secret_file="${CRON_SECRET_FILE:-/run/wardroom/cron-secret}"')
    expect(runJob).toContain('base="${WARDROOM_CRON_URL:-http://proxy:8081}"')
    const cron = services.cron!
    expect(cron.environment!.CRON_SECRET).toBe(services['app-1']!.environment!.CRON_SECRET)
    expect(cron.volumes).toEqual(['./deploy/cron/crontab:/etc/crontabs/root:ro', './deploy/cron/run-job.sh:/usr/local/bin/run-job:ro'])
    expect(cron.command!.join(' ')).toContain('/run/wardroom/cron-secret && exec crond -f')
    expect(cron.depends_on).toEqual({ proxy: { condition: 'service_healthy' } })
  })

  it('reads the schedules in the time zone the instances use', () => {
    expect(services.cron!.environment!.TZ).toBe('UTC')
    for (const name of appNames) expect(services[name]!.environment!.WARDROOM_TIMEZONE).toBe('UTC')
  })
})

describe('the Dockerfile', () => {
  // Instructions with their continuation lines joined; comments dropped.
  const instructions = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
  const stages = instructions.reduce<string[][]>((acc, l) => (l.startsWith('FROM ') ? [...acc, [l]] : acc.length ? (acc[acc.length - 1]!.push(l), acc) : acc), [])
  const final = stages[stages.length - 1]!

  it('builds in stages from a base image pinned to a version', () => {
    const arg = instructions.find((l) => l.startsWith('ARG NODE_IMAGE='))!
    expect(arg).toMatch(/^ARG NODE_IMAGE=node:\d+\.\d+\.\d+-bookworm-slim$/)
    expect(stages.map((s) => s[0])).toEqual(['FROM ${NODE_IMAGE} AS deps', 'FROM deps AS build', 'FROM ${NODE_IMAGE} AS run'])
    expect(stages[0]!.join('\n')).toContain('RUN npm ci')
    expect(stages[1]!.join('\n')).toMatch(/RUN npm run build .*npm prune --omit=dev/)
  })

  it('runs as a non-root user, with a HEALTHCHECK on /health, the repo start script and the production guard', () => {
    const user = final.filter((l) => l.startsWith('USER '))
    expect(user).toHaveLength(1)
    expect(user[0]).not.toMatch(/^USER (root|0)(:|$)/)
    expect(final.findIndex((l) => l.startsWith('USER '))).toBeLessThan(final.findIndex((l) => l.startsWith('CMD ')))
    expect(final.find((l) => l.startsWith('HEALTHCHECK '))).toContain("'/health'")
    expect(final.find((l) => l.startsWith('CMD '))).toBe('CMD ["node", "--import", "tsx", "scripts/start.ts"]')
    expect(final.find((l) => l.startsWith('ENTRYPOINT '))).toBe('ENTRYPOINT ["wardroom-entrypoint"]')
    expect(final).toContain('COPY deploy/docker-entrypoint.sh /usr/local/bin/wardroom-entrypoint')
    // The build step's check is skipped at start: the image holds the build.
    expect(final.find((l) => l.startsWith('ENV '))).toContain('WARDROOM_SKIP_BUILD=1')
  })

  it('keeps dependencies, builds, local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n')
    expect(ignored).toEqual(expect.arrayContaining(['/node_modules', '/.next', '/.data', '/lib/generated', '/.env*', '/deploy/.env']))
    // Anchored at the root: an unanchored `backups` would also drop lib/backups for rsync-like readers.
    expect(ignored.filter((l) => l && !l.startsWith('#') && !l.startsWith('/'))).toEqual([])
  })
})

describe('settings and secrets', () => {
  const appEnv = services['app-1']!.environment!
  const interpolated = [...composeText.matchAll(/\$\{([A-Z0-9_]+)(:[?-][^}]*)?\}/g)].map((m) => ({ name: m[1]!, required: m[2]?.startsWith(':?') ?? false }))
  const example = Object.fromEntries(
    read('deploy/.env.example')
      .split('\n')
      .filter((l) => /^[A-Z0-9_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  )

  it('provides every setting the entrypoint requires of a production instance', () => {
    const guard = /for name in ([A-Z_ ]+); do/.exec(read('deploy/docker-entrypoint.sh'))![1]!.split(' ')
    expect(guard).toEqual(['DATABASE_URL', 'NEXTAUTH_SECRET', 'NEXTAUTH_URL'])
    for (const name of [...guard, 'DATABASE_MIGRATE_URL', 'CRON_SECRET', 'WARDROOM_SECRET', 'WARDROOM_AUDIT_KEY']) {
      expect(appEnv[name], name).toMatch(/\$\{[A-Z_]+:\?/) // compose refuses to start without it
    }
  })

  it('documents every variable the instances get in the README environment table', () => {
    const readme = read('README.md')
    const table = readme.slice(readme.indexOf('## Environment'), readme.indexOf('## Production notes'))
    for (const name of Object.keys(appEnv)) expect(table, name).toContain(`\`${name}\``)
  })

  it('lists every interpolated variable in deploy/.env.example, and nothing else', () => {
    const names = [...new Set(interpolated.map((v) => v.name))].sort()
    expect(Object.keys(example).sort()).toEqual(names)
    // Secrets are left empty in the example: compose stops on them until they are filled in.
    for (const v of interpolated.filter((i) => i.required && /PASSWORD|SECRET|KEY/.test(i.name))) expect(example[v.name], v.name).toBe('')
  })
})
