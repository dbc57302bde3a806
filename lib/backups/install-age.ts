/** When this database was installed: its first migration's finish, from Prisma's migration history. */
import { db } from '@/lib/db'

export async function installedAt(): Promise<Date | null> {
  const rows = await db.$queryRaw<{ at: Date | null }[]>`SELECT min(finished_at) AS at FROM "_prisma_migrations"`
  return rows[0]?.at ?? null
}
