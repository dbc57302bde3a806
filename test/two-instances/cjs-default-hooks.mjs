/**
 * Module hooks for the two-instance test's child processes (plain Node.js with tsx, no bundler).
 * Next.js and Vitest import a CommonJS module compiled from ESM (`exports.__esModule`, `exports.default`)
 * with the bundlers' interop: its default import is `exports.default`. Plain Node gives `module.exports`
 * instead, so lib/auth/options.ts's `import CredentialsProvider from 'next-auth/providers/credentials'` would
 * get an object. This gives next-auth's providers the bundlers' view, nothing else.
 */
import { fileURLToPath } from 'node:url'

export async function load(url, context, nextLoad) {
  if (!/\/node_modules\/next-auth\/providers\/[\w-]+\.js$/.test(url)) return nextLoad(url, context)
  const file = JSON.stringify(fileURLToPath(url))
  const source = `import { createRequire } from 'node:module'
const m = createRequire(import.meta.url)(${file})
export default m && m.__esModule && 'default' in m ? m.default : m`
  return { format: 'module', source, shortCircuit: true }
}
