/** The dashboard's administration figures (users, keys, audit activity, failed sign-ins, last job runs). Reads only. */
import 'server-only'
import { db } from '../db'

export async function getOverview() {
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000)
  const [usersByRole, activeKeys, recentAudit, auditLast24h, failedLogins24h, latestRuns] = await Promise.all([
    db.user.groupBy({ by: ['role'], where: { disabledAt: null }, _count: { _all: true } }),
    db.apiKey.count({ where: { revokedAt: null } }),
    db.auditLog.findMany({
      orderBy: { id: 'desc' },
      take: 8,
      select: { id: true, at: true, actorLabel: true, action: true, targetType: true, count: true },
    }),
    db.auditLog.count({ where: { at: { gte: since } } }),
    db.loginAttempt.count({ where: { success: false, at: { gte: since } } }),
    db.$queryRaw<{ job: string; status: string; startedAt: Date; durationMs: number | null }[]>`
      SELECT DISTINCT ON (job) job, status, "startedAt", "durationMs"
      FROM "JobRun" ORDER BY job, "startedAt" DESC`,
  ])
  return {
    users: usersByRole.map((r) => ({ role: r.role, count: r._count._all })),
    activeKeys,
    recentAudit,
    auditLast24h,
    failedLogins24h,
    latestRuns,
  }
}
