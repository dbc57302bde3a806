/**
 * `npm run build:widget`: bundles the feedback widget (widget/src, plain TypeScript, no framework) into
 * public/widget.js with esbuild (minified IIFE, ES2019 for older ward browsers), and writes its size and
 * subresource-integrity hash to lib/feedback/widget-integrity.ts (the admin page prints them in the
 * snippet). Both files are committed: widget/widget.test.ts fails when they are not what this script makes
 * from the sources, and when the widget passes 15 kB gzipped.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')
export const WIDGET_ENTRY = path.join(root, 'widget/src/index.ts')
export const WIDGET_OUT = path.join(root, 'public/widget.js')
export const INTEGRITY_OUT = path.join(root, 'lib/feedback/widget-integrity.ts')

/** The bundle as this script makes it from the sources. */
export async function bundleWidget(): Promise<string> {
  const result = await build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    legalComments: 'none',
    write: false,
    charset: 'utf8',
    banner: { js: '/* Wardroom feedback widget: lib/feedback/README.md */' },
  })
  return result.outputFiles[0]!.text
}

export const sriOf = (code: string) => `sha384-${createHash('sha384').update(code, 'utf8').digest('base64')}`
export const gzipBytes = (code: string) => gzipSync(Buffer.from(code, 'utf8'), { level: 9 }).length

export function integrityModule(code: string): string {
  return [
    '// Written by `npm run build:widget` (scripts/build-widget.ts) from public/widget.js: do not edit.',
    `export const WIDGET_SRI = '${sriOf(code)}'`,
    `export const WIDGET_BYTES = ${Buffer.byteLength(code, 'utf8')}`,
    `export const WIDGET_GZIP_BYTES = ${gzipBytes(code)}`,
    '',
  ].join('\n')
}

async function main() {
  const code = await bundleWidget()
  writeFileSync(WIDGET_OUT, code)
  writeFileSync(INTEGRITY_OUT, integrityModule(code))
  const same = readFileSync(WIDGET_OUT, 'utf8') === code
  console.log(`public/widget.js: ${Buffer.byteLength(code)} bytes, ${gzipBytes(code)} gzipped, ${sriOf(code)}${same ? '' : ' (write check failed)'}`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main()
