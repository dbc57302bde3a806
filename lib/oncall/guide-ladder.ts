/**
 * The operations guides' escalation ladder, as data: L1 operations team → L2 engineering leads → L3 CTO /
 * VP engineering → L4 executive team. First page: critical at once, high after 5 minutes, medium after 15
 * (low and info never page). Between levels: 30 minutes, 1 hour, 2 hours; critical incidents climb every
 * 15 minutes instead ("emergency 15 min"). The demo seed (lib/seed/incidents.ts) writes it as the policy
 * named GUIDE_LADDER_NAME, which ingest also uses for services without a policy (lib/incidents/ingest.ts).
 */
export const GUIDE_LADDER_NAME = 'Default ladder (operations guide)'

export const GUIDE_LADDER = {
  severityDelays: { critical: 0, high: 5, medium: 15 },
  /** Minutes after the previous level (level 1: after the severity delay). */
  levelDelays: [0, 30, 60, 120],
  levelNames: ['Operations team', 'Engineering leads', 'CTO / VP engineering', 'Executive team'],
  emergencyIntervalMinutes: 15,
} as const
