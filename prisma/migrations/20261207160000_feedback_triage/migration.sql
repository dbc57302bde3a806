-- AlterEnum: the type is made anew rather than given a value with ADD VALUE, because a value added that way
-- cannot be used in the transaction that added it, and a restore (lib/admin/backup.ts) replays every
-- migration and then the rows in one transaction: a safety officer's row would fail to restore.
ALTER TYPE "Role" RENAME TO "Role_before_safety_officer";
CREATE TYPE "Role" AS ENUM ('admin', 'ops', 'executive', 'pm', 'clinician', 'viewer', 'safety_officer');
ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role" USING ("role"::text::"Role");
DROP TYPE "Role_before_safety_officer";

-- AlterTable
ALTER TABLE "FeedbackItem" ADD COLUMN     "safetyIncidentAt" TIMESTAMPTZ(3),
ADD COLUMN     "slaEscalatedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "FeedbackSavedFilter" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackSavedFilter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackSavedFilter_userId_name_key" ON "FeedbackSavedFilter"("userId", "name");

-- CreateIndex
CREATE INDEX "FeedbackItem_safetyConcern_safetyIncidentAt_idx" ON "FeedbackItem"("safetyConcern", "safetyIncidentAt");

-- AddForeignKey
ALTER TABLE "FeedbackSavedFilter" ADD CONSTRAINT "FeedbackSavedFilter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
