/** A place offsite copies go (./offsite.ts: a directory; ./offsite-s3.ts: an S3-compatible bucket). */
import type { BackupManifest } from './schema'

export interface OffsiteTarget {
  /** Where copies go, without credentials. */
  readonly description: string
  /** Copies a backup (dump and manifest) and checks the copy; throws when the copy is not identical. */
  put(localDump: string, manifest: BackupManifest): Promise<void>
  /** The backups' dump file names present there. */
  list(): Promise<string[]>
  remove(file: string): Promise<void>
}
