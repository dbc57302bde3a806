/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL
 * that takes the existing migrations to schema.prisma. Offline (Prisma's schema engine as WASM).
 * `-- --check`: exits 1 and prints the missing SQL when schema.prisma and the migrations disagree.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { MIGRATIONS_DIR } from '@/lib/migrations'
import { diffSchemaAgainstMigrations, isEmptyDiff } from './lib/schema-diff'

const arg = process.argv[2] ?? ''
const check = arg === '--check'
const name = arg.replace(/[^a-z0-9_]+/gi, '_').toLowerCase()
if (!check && !name) {
  console.error('usage: npm run db:migration -- <name>   (or -- --check)')
  process.exit(2)
}
const sql = await diffSchemaAgainstMigrations()
if (isEmptyDiff(sql)) {
  console.log('schema.prisma and prisma/migrations agree: no migration needed.')
  process.exit(0)
}
if (check) {
  console.error('schema.prisma and prisma/migrations disagree. A new migration would contain:\n')
  console.error(sql)
  console.error('\nCreate it with: npm run db:migration -- <name>')
  process.exit(1)
}
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`)
mkdirSync(dir, { recursive: true })
writeFileSync(path.join(dir, 'migration.sql'), sql + '\n')
console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`)
