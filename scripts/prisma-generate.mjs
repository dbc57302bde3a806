// `prisma generate` first tries to download the native schema engine, which fails offline; it succeeds
// when PRISMA_SCHEMA_ENGINE_BINARY names any existing file, because generating the client never runs it.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const r = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(import.meta.url), PRISMA_HIDE_UPDATE_MESSAGE: '1' },
})
process.exit(r.status ?? 1)
