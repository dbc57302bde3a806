/** The threat settings: one Setting row, edited by competitor editors; the defaults where none is stored. */
import { db } from '../db'
import { DEFAULT_THREAT_SETTINGS, type ThreatSettings } from './scoring'
import { THREAT_SETTINGS_KEY, ThreatSettingsInput } from './schema'

export async function getThreatSettings(): Promise<ThreatSettings> {
  const row = await db.setting.findUnique({ where: { key: THREAT_SETTINGS_KEY } })
  const parsed = ThreatSettingsInput.safeParse(row?.value)
  return parsed.success ? parsed.data : DEFAULT_THREAT_SETTINGS
}

/** Every competitor (ours first, archived last) and capability, for the settings page. */
export async function listCatalogue() {
  const [competitors, capabilities] = await Promise.all([
    db.competitor.findMany({ orderBy: [{ isUs: 'desc' }, { archivedAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }] }),
    db.capability.findMany({ orderBy: [{ group: 'asc' }, { sortOrder: 'asc' }] }),
  ])
  return { competitors, capabilities }
}
