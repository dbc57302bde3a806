import path from 'node:path'
import { defineConfig } from 'vitest/config'

/** `npm run test:soak`: the production build under load for minutes (test/soak). Needs `npm run build`. */
const root = import.meta.dirname
export default defineConfig({
  resolve: { alias: { '@': root, 'server-only': path.join(root, 'test/empty-module.ts') } },
  test: {
    name: 'soak',
    include: ['test/soak/**/*.soak.ts'],
    environment: 'node',
    reporters: ['default', ['json', { outputFile: 'test-results/soak.json' }]],
  },
})
