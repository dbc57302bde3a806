import path from 'node:path'
import { defineConfig } from 'vitest/config'

/** `npm run test:faults`: the production build while its database fails (test/faults). Needs `npm run build`. */
const root = import.meta.dirname
export default defineConfig({
  resolve: { alias: { '@': root, 'server-only': path.join(root, 'test/empty-module.ts') } },
  test: {
    name: 'faults',
    include: ['test/faults/**/*.fault.ts'],
    environment: 'node',
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: 'test-results/faults-vitest.json' }]],
  },
})
