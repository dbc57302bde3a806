-- Service catalogue (issue 12): owner team, tier, runbook, archiving, and the dependency graph.

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "archivedAt" TIMESTAMPTZ(3),
ADD COLUMN     "ownerTeam" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "runbookUrl" TEXT,
ADD COLUMN     "tier" INTEGER;

-- A tier is 1, 2 or 3 (lib/services/schema.ts says what each means).
ALTER TABLE "Service" ADD CONSTRAINT "Service_tier_check" CHECK ("tier" IS NULL OR "tier" BETWEEN 1 AND 3);

-- CreateTable
CREATE TABLE "ServiceDependency" (
    "serviceId" UUID NOT NULL,
    "dependsOnId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceDependency_pkey" PRIMARY KEY ("serviceId","dependsOnId"),
    -- Cycles are refused by the commands (lib/services/dependencies.ts); the simplest one here too.
    CONSTRAINT "ServiceDependency_not_self" CHECK ("serviceId" <> "dependsOnId")
);

-- CreateIndex
CREATE INDEX "ServiceDependency_dependsOnId_idx" ON "ServiceDependency"("dependsOnId");

-- AddForeignKey
ALTER TABLE "ServiceDependency" ADD CONSTRAINT "ServiceDependency_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceDependency" ADD CONSTRAINT "ServiceDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The default service ("unassigned") is not inserted here: ingest creates it with the first alert that names
-- a service not in the catalogue (lib/incidents/open-batch.ts). A row written by a migration would collide
-- with the same row in a backup's data when it is restored.
