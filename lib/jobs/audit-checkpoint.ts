/**
 * Hourly signed checkpoint of the audit chain's head (last id, its hash, row count), kept in the
 * AuditCheckpoint table and appended to the anchor file outside the database. audit-verify then holds the
 * chain against them: rows removed or rewritten before the last checkpoint cannot go unnoticed, even by
 * someone who recomputes every hash. At most an hour of the newest entries rests on the hash chain alone.
 */

import type { JobDefinition } from './types'
import { writeAuditCheckpoint } from '@/lib/audit-verify'

export const auditCheckpoint: JobDefinition = {
  name: 'audit-checkpoint',
  schedule: '5 * * * *',
  description: 'Signs the head of the audit chain into the checkpoint table and the anchor file outside the database.',
  timeoutSeconds: 600,
  async run({ now, log, signal }) {
    signal.throwIfAborted()
    const c = await writeAuditCheckpoint({ now })
    log.info({ lastId: c.lastId.toString(), rowCount: c.rowCount.toString() }, 'audit checkpoint written')
    return { lastId: c.lastId.toString(), rowCount: c.rowCount.toString() }
  },
}
