-- AlterTable
ALTER TABLE "FlagChangeRequest" ADD COLUMN     "editorIds" UUID[] DEFAULT ARRAY[]::UUID[];

-- Backfill: requests edited before this column existed name their editors in the audit log
-- (action flag.change_request.edit, summary.changeRequestId, actorId = the editing user).
UPDATE "FlagChangeRequest" AS cr
SET "editorIds" = e.ids
FROM (
  SELECT (a.summary ->> 'changeRequestId')::uuid AS id, array_agg(DISTINCT a."actorId"::uuid) AS ids
  FROM "AuditLog" a
  WHERE a.action = 'flag.change_request.edit'
    AND a."actorType" = 'user'
    AND a.summary ->> 'changeRequestId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    AND a."actorId" ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  GROUP BY 1
) AS e
WHERE cr.id = e.id;
