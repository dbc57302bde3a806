/**
 * How tools and the start script reach the database: DATABASE_URL when set, otherwise the embedded
 * database (through the running server's socket when one holds it). Sets process.env.DATABASE_URL so
 * lib/db.ts connects to it.
 */
import { dataDir, env } from '../../lib/env'
import { connectEmbedded, openEmbedded, type EmbeddedDatabase } from './embedded'

export interface Connection {
  url: string
  embedded: boolean
  /** True when another process (the running server) owns the embedded database. */
  shared: boolean
  close: () => Promise<void>
}

function external(): Connection | null {
  const url = process.env.DATABASE_URL
  return url ? { url, embedded: false, shared: false, close: async () => {} } : null
}

/** For CLI commands, migrations, seed and backups: works whether or not the server is running. */
export async function connectForTool(log?: (m: string) => void): Promise<Connection> {
  const ext = external()
  if (ext) return ext
  const emb = await connectEmbedded(dataDir, { log, tcpPort: env.WARDROOM_PG_PORT })
  process.env.DATABASE_URL = emb.url
  return { url: emb.url, embedded: true, shared: emb.shared, close: emb.close }
}

/** For the server: owns the embedded database, or fails clearly when another process does. */
export async function openForServer(log?: (m: string) => void): Promise<Connection> {
  const ext = external()
  if (ext) return ext
  const emb: EmbeddedDatabase = await openEmbedded(dataDir, { log, tcpPort: env.WARDROOM_PG_PORT })
  process.env.DATABASE_URL = emb.url
  return { url: emb.url, embedded: true, shared: false, close: emb.close }
}
