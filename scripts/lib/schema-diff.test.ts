import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { isEmptyDiff } from './schema-diff'

describe('schema.prisma and prisma/migrations', () => {
  it('agree (the diff from the migrations to the schema is empty)', () => {
    // The WASM schema engine needs Node's WASM modules flag, so it runs in its own process.
    let output = ''
    let status = 0
    try {
      output = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/db-migration.ts', '--check'], {
        env: { ...process.env, NODE_OPTIONS: '--experimental-wasm-modules --no-warnings' },
        encoding: 'utf8',
        stdio: 'pipe',
      })
    } catch (e) {
      const err = e as { status: number; stderr: string }
      status = err.status
      output = err.stderr
    }
    expect(output).toContain(status === 0 ? 'agree' : 'disagree')
    expect(status, output).toBe(0)
  }, 60_000)
})

describe('isEmptyDiff', () => {
  it.each([
    ['-- This is an empty migration.', true],
    ['', true],
    ['-- CreateTable\nCREATE TABLE "X" ();', false],
  ])('%j → %s', (sql, expected) => {
    expect(isEmptyDiff(sql)).toBe(expected)
  })
})
