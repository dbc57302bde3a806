/**
 * Demo activity of the flags: the A/B experiment's exposures and conversions (a few thousand, set-based)
 * and 24 h of hourly evaluation counts. Idempotent by the rows' unique keys.
 */
import { ago, HOUR, type Client } from './catalogue'

export async function seedExperiment(client: Client, flagId: string, now: Date): Promise<number> {
  const exp = await client.experiment.upsert({
    where: { key: 'ed-triage-copy' },
    create: {
      key: 'ed-triage-copy',
      name: 'ED triage suggestion wording',
      flagId,
      environment: 'production',
      status: 'running',
      primaryMetric: { type: 'event', event: 'triage_completed' },
      guardrailSloKeys: ['emergency_triage_response_time', 'patient_response_time'],
      controlVariant: 'control',
      startedAt: ago(now, 7),
    },
    update: {},
  })
  // 3,000 clinicians exposed over 7 days, assigned by a hash (≈ 50/50); conversions 18 % (control) vs 22 %
  // (concise), each after its exposure. Subjects are sha256 of the targeting key, as the API stores them.
  const exposures = await client.$executeRaw`
    INSERT INTO "ExperimentEvent" ("experimentId", kind, variant, subject, at)
    SELECT ${exp.id}::uuid, 'exposure',
           CASE WHEN ('x' || substr(md5('ed-' || i), 1, 8))::bit(32)::int & 1 = 0 THEN 'control' ELSE 'concise' END,
           encode(sha256(convert_to('seed-clinician-' || i, 'UTF8')), 'hex'),
           ${now}::timestamptz - make_interval(mins => (i * 7919) % (7 * 24 * 60))
    FROM generate_series(1, 3000) AS i
    ON CONFLICT ("experimentId", kind, subject) DO NOTHING`
  const conversions = await client.$executeRaw`
    INSERT INTO "ExperimentEvent" ("experimentId", kind, variant, subject, at)
    SELECT e."experimentId", 'conversion', e.variant, e.subject, LEAST(e.at + interval '20 minutes', ${now}::timestamptz)
    FROM "ExperimentEvent" e
    WHERE e."experimentId" = ${exp.id}::uuid AND e.kind = 'exposure'
      AND (('x' || substr(md5('conv-' || e.subject), 1, 8))::bit(32)::int & 1023) < CASE WHEN e.variant = 'control' THEN 184 ELSE 225 END
    ON CONFLICT ("experimentId", kind, subject) DO NOTHING`
  return exposures + conversions
}

/** 24 hours of hourly evaluation counts per variant, with a day/night rhythm. */
export async function seedEvaluationCounts(client: Client, now: Date): Promise<void> {
  const rows: [string, string, string, number][] = [
    ['ai_engine_v2', 'production', 'on', 260],
    ['ai_engine_v2', 'production', 'off', 780],
    ['sepsis_alert_model', 'production', 'v1', 540],
    ['sepsis_alert_model', 'production', 'v2', 180],
    ['triage_model_version', 'production', 'stable', 410],
    ['triage_model_version', 'production', 'next', 150],
    ['ed_triage_copy', 'production', 'control', 120],
    ['ed_triage_copy', 'production', 'concise', 118],
    ['legacy_dose_checker_fallback', 'production', 'off', 300],
    ['cardiology_risk_threshold', 'production', 'sensitive', 90],
    ['cardiology_risk_threshold', 'production', 'standard', 340],
  ]
  const hour0 = Math.floor(now.getTime() / HOUR) * HOUR
  await client.$executeRaw`
    INSERT INTO "FlagEvaluationCount" ("flagKey", environment, variant, hour, count)
    SELECT r.flag, r.env, r.variant, t.hour,
           -- Busier by day than by night (peak around 18:00 UTC).
           round(r.base * (0.55 + 0.45 * sin(pi() * ((extract(hour FROM t.hour)::int + 18) % 24) / 24)))::bigint
    FROM unnest(${rows.map((r) => r[0])}::text[], ${rows.map((r) => r[1])}::text[], ${rows.map((r) => r[2])}::text[], ${rows.map((r) => r[3])}::int[])
           AS r(flag, env, variant, base),
         (SELECT ${new Date(hour0)}::timestamptz - make_interval(hours => h) AS hour FROM generate_series(0, 23) AS h) AS t
    ON CONFLICT ("flagKey", environment, variant, hour) DO NOTHING`
}
