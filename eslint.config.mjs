import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Command-line tools and benchmarks print to the console by design.
    files: ['scripts/**', 'prisma/**', 'e2e/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Playwright fixtures receive a `use` callback, which the React hooks rule mistakes for React's use().
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  globalIgnores(['.next/**', '.next-*/**', 'out/**', 'build/**', 'next-env.d.ts', 'lib/generated/**', '.data/**', '.bench/**', 'playwright-report/**', 'test-results/**', 'public/widget.js']),
])
