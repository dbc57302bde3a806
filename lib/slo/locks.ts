/**
 * Writers of SLI source rows (SliEvent ingest, ProbeResult from health probes) hold this advisory lock
 * SHARED for their transaction; the rollup takes it EXCLUSIVELY for an instant to read the id high-water
 * marks. A bigserial id is drawn before its transaction commits, so without the lock a slow writer could
 * commit ids below a watermark that has already moved past them, and those rows would never be rolled up.
 */
export const SLI_WRITE_LOCK = 7300_0410

/** SQL to run first in a writer's transaction. */
export const SLI_WRITE_LOCK_SQL = `SELECT pg_advisory_xact_lock_shared(${SLI_WRITE_LOCK})`
