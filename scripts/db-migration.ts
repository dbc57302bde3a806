/** `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from schema.prisma. Offline. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { MIGRATIONS_DIR } from './lib/migrations'
import { diffSchemaAgainstMigrations, isEmptyDiff } from './lib/schema-diff'

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]+/gi, '_').toLowerCase()
if (!name) {
  console.error('usage: npm run db:migration -- <name>')
  process.exit(2)
}
const sql = await diffSchemaAgainstMigrations()
if (isEmptyDiff(sql)) {
  console.log('schema.prisma and prisma/migrations agree: no migration needed.')
  process.exit(0)
}
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`)
mkdirSync(dir, { recursive: true })
writeFileSync(path.join(dir, 'migration.sql'), sql + '\n')
console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`)
