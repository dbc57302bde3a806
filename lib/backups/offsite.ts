/**
 * Offsite copies: after each backup, the dump and its manifest go to a second place that does not share
 * the server's fate — another disk or network mount (a directory), or an S3-compatible bucket
 * (./offsite-s3.ts, the AWS SDK, loaded only when configured). Every copy is checked after it is written:
 * the directory copy is hashed again, the object's size and recorded SHA-256 are read back (and S3 itself
 * verifies the SHA-256 sent with the upload).
 */
import { copyFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { sha256OfFile } from './checksum'
import { describeOffsite, type OffsiteTargetConfig } from './config'
import { BackupFileName, type BackupManifest } from './schema'
import type { OffsiteTarget } from './offsite-target'
import { PARTIAL_SUFFIX } from './store'

export type { OffsiteTarget } from './offsite-target'

export class DirectoryTarget implements OffsiteTarget {
  readonly description: string
  constructor(private readonly dir: string) {
    this.description = dir
  }

  async put(localDump: string, manifest: BackupManifest): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    const target = path.join(this.dir, BackupFileName.parse(manifest.file))
    const partial = `${target}${PARTIAL_SUFFIX}`
    try {
      await copyFile(localDump, partial)
      const copied = await sha256OfFile(partial)
      if (copied !== manifest.sha256) throw new Error(`the copy in ${this.dir} has SHA-256 ${copied.slice(0, 12)}…, not ${manifest.sha256.slice(0, 12)}…`)
      await rename(partial, target)
      const { offsite: _ignored, ...plain } = manifest
      await writeFile(`${target}.json${PARTIAL_SUFFIX}`, `${JSON.stringify(plain, null, 2)}\n`, { mode: 0o600 })
      await rename(`${target}.json${PARTIAL_SUFFIX}`, `${target}.json`)
    } finally {
      await rm(partial, { force: true })
    }
  }

  async list(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((f) => BackupFileName.safeParse(f).success)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw e
    }
  }

  async remove(file: string): Promise<void> {
    const name = BackupFileName.parse(file)
    await rm(path.join(this.dir, `${name}.json`), { force: true })
    await rm(path.join(this.dir, name), { force: true })
  }
}

/** The configured target (null: none). The S3 client is loaded only here, when a bucket is configured. */
export async function openOffsiteTarget(config: OffsiteTargetConfig | null): Promise<OffsiteTarget | null> {
  if (!config) return null
  if (config.kind === 'directory') return new DirectoryTarget(config.dir)
  const { S3Target } = await import('./offsite-s3')
  return new S3Target(config, describeOffsite(config))
}
