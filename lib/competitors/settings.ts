/** The threat settings: one Setting row, edited by competitor editors; the defaults where none is stored. */
import { db } from '../db'
import { DEFAULT_THREAT_SETTINGS, type ThreatSettings } from './scoring'
import { THREAT_SETTINGS_KEY, ThreatSettingsInput } from './schema'

export async function getThreatSettings(): Promise<ThreatSettings> {
  const row = await db.setting.findUnique({ where: { key: THREAT_SETTINGS_KEY } })
  const parsed = ThreatSettingsInput.safeParse(row?.value)
  return parsed.success ? parsed.data : DEFAULT_THREAT_SETTINGS
}
