/** Runs a command-line script (scripts/*.ts) in a child process against the test database. */
import { spawn } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs')

export interface ScriptResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Asynchronous on purpose: a test may serve an embedded database from its own process, which must keep
 * answering while the child runs.
 */
export function runScript(script: string, args: string[], opts: { input?: string; databaseUrl?: string } = {}): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, script, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: opts.databaseUrl ?? process.env.DATABASE_URL, LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(opts.input ?? '')
  })
}

export const runCli = (args: string[], input?: string, databaseUrl?: string) => runScript('scripts/cli.ts', args, { input, databaseUrl })
