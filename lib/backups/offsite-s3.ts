/**
 * An S3-compatible bucket as the offsite target, through the official AWS SDK (@aws-sdk/client-s3).
 * Credentials come from the SDK's default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an
 * instance role), never from Wardroom's settings. With WARDROOM_BACKUP_S3_ENDPOINT (MinIO, Ceph, …) the
 * bucket is addressed by path. Uploads send the SHA-256 for the server to verify and record it as object
 * metadata; the copy is then read back (HEAD) and compared.
 */
import { createReadStream, statSync } from 'node:fs'
import { DeleteObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { OffsiteTargetConfig } from './config'
import type { OffsiteTarget } from './offsite-target'
import { BackupFileName, type BackupManifest } from './schema'

/** The limit of a single PUT; larger dumps would need a multipart upload, which this target does not do. */
const SINGLE_PUT_LIMIT = 5 * 1024 ** 3

export class S3Target implements OffsiteTarget {
  private readonly client: S3Client
  private readonly bucket: string
  private readonly prefix: string

  constructor(
    config: Extract<OffsiteTargetConfig, { kind: 's3' }>,
    readonly description: string,
  ) {
    this.bucket = config.bucket
    this.prefix = config.prefix
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
      maxAttempts: 3,
      // Failures come back to the backup run, which records them; the SDK need not print them as well.
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    })
  }

  private key(file: string): string {
    return `${this.prefix}${BackupFileName.parse(file)}`
  }

  async put(localDump: string, manifest: BackupManifest): Promise<void> {
    const size = statSync(localDump).size
    if (size > SINGLE_PUT_LIMIT) throw new Error(`the dump is ${size} bytes, over the 5 GiB a single S3 upload takes`)
    const key = this.key(manifest.file)
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: createReadStream(localDump),
        ContentLength: size,
        ContentType: 'application/gzip',
        ChecksumSHA256: Buffer.from(manifest.sha256, 'hex').toString('base64'),
        Metadata: { sha256: manifest.sha256 },
      }),
    )
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))
    if (head.ContentLength !== size || head.Metadata?.sha256 !== manifest.sha256) {
      throw new Error(`the object ${key} reads back as ${head.ContentLength ?? '?'} bytes with SHA-256 ${head.Metadata?.sha256?.slice(0, 12) ?? 'none'}, not the backup's`)
    }
    const { offsite: _ignored, ...plain } = manifest
    const body = `${JSON.stringify(plain, null, 2)}\n`
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: `${key}.json`, Body: body, ContentType: 'application/json' }))
  }

  async list(): Promise<string[]> {
    const files: string[] = []
    let token: string | undefined
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token }))
      for (const o of page.Contents ?? []) {
        const name = o.Key?.slice(this.prefix.length)
        if (name && BackupFileName.safeParse(name).success) files.push(name)
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return files
  }

  async remove(file: string): Promise<void> {
    const key = this.key(file)
    // The manifest first, as locally: a half-removed backup is an unlisted object, never a manifest without its dump.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: `${key}.json` }))
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }))
  }
}
