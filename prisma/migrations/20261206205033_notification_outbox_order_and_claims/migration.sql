-- DropIndex
DROP INDEX "NotificationOutbox_incidentId_idx";

-- AlterTable
ALTER TABLE "NotificationOutbox" ADD COLUMN     "claimedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "lastAttemptAt" TIMESTAMPTZ(3),
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "NotificationOutbox_incidentId_channelId_seq_idx" ON "NotificationOutbox"("incidentId", "channelId", "seq");

-- Messages still waiting at upgrade get their order from their creation time (the fill above follows the
-- table's physical order), numbered after every existing row; the sequence then continues after them.
UPDATE "NotificationOutbox" o
SET "seq" = m.top + r.n
FROM (SELECT "id", row_number() OVER (ORDER BY "createdAt", "id") AS n FROM "NotificationOutbox" WHERE "status" = 'pending') r,
     (SELECT COALESCE(max("seq"), 0) AS top FROM "NotificationOutbox") m
WHERE o."id" = r."id";
SELECT setval(pg_get_serial_sequence('"NotificationOutbox"', 'seq'), (SELECT COALESCE(max("seq"), 0) + 1 FROM "NotificationOutbox"), false);
