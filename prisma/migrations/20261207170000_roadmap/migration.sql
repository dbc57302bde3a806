-- CreateEnum
CREATE TYPE "RoadmapStage" AS ENUM ('ideas', 'discovery', 'planned', 'in_progress', 'released', 'archived');

-- CreateEnum
CREATE TYPE "RoadmapHorizon" AS ENUM ('short_term', 'medium_term', 'long_term');

-- CreateEnum
CREATE TYPE "RoadmapPipeline" AS ENUM ('feature', 'hotfix', 'innovation');

-- CreateTable
CREATE TABLE "RoadmapItem" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "problem" TEXT NOT NULL DEFAULT '',
    "ownerId" UUID,
    "stage" "RoadmapStage" NOT NULL DEFAULT 'ideas',
    "rank" DOUBLE PRECISION NOT NULL,
    "horizon" "RoadmapHorizon" NOT NULL DEFAULT 'short_term',
    "targetQuarter" TEXT,
    "effort" DOUBLE PRECISION,
    "stakeholders" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "regulatoryPathway" TEXT NOT NULL DEFAULT 'none',
    "pipeline" "RoadmapPipeline" NOT NULL DEFAULT 'feature',
    "reach" INTEGER,
    "impact" DOUBLE PRECISION,
    "confidence" INTEGER,
    "moscow" TEXT,
    "value" INTEGER,
    "risk" INTEGER,
    "patientSafety" INTEGER,
    "clinicalOutcome" INTEGER,
    "timeSaved" INTEGER,
    "evidenceStrength" INTEGER,
    "riceScore" DOUBLE PRECISION,
    "clinicalScore" DOUBLE PRECISION,
    "serviceId" UUID,
    "flagKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "releasedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RoadmapItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoadmapDependency" (
    "itemId" UUID NOT NULL,
    "dependsOnId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoadmapDependency_pkey" PRIMARY KEY ("itemId","dependsOnId")
);

-- CreateTable
CREATE TABLE "RoadmapRisk" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "mitigation" TEXT NOT NULL DEFAULT '',
    "severity" TEXT NOT NULL DEFAULT 'medium',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoadmapRisk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoadmapLink" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "targetId" UUID NOT NULL,
    "createdById" UUID,
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoadmapLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoadmapGateCheck" (
    "itemId" UUID NOT NULL,
    "gate" TEXT NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "evidenceUrl" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "doneById" UUID,
    "doneBy" TEXT,
    "doneAt" TIMESTAMPTZ(3),

    CONSTRAINT "RoadmapGateCheck_pkey" PRIMARY KEY ("itemId","gate")
);

-- CreateTable
CREATE TABLE "RoadmapInputOverride" (
    "itemId" UUID NOT NULL,
    "input" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "seeded" DOUBLE PRECISION,
    "reason" TEXT NOT NULL,
    "byId" UUID,
    "by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoadmapInputOverride_pkey" PRIMARY KEY ("itemId","input")
);

-- CreateTable
CREATE TABLE "RoadmapItemEvent" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "from" TEXT,
    "to" TEXT,
    "byId" UUID,
    "by" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoadmapItemEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoadmapCapacity" (
    "quarter" TEXT NOT NULL,
    "personWeeks" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RoadmapCapacity_pkey" PRIMARY KEY ("quarter")
);

-- CreateTable
CREATE TABLE "RoadmapReview" (
    "id" UUID NOT NULL,
    "quarter" TEXT NOT NULL,
    "periodFrom" TIMESTAMPTZ(3) NOT NULL,
    "periodTo" TIMESTAMPTZ(3) NOT NULL,
    "planned" INTEGER NOT NULL,
    "delivered" INTEGER NOT NULL,
    "predictability" DOUBLE PRECISION,
    "report" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoadmapReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RoadmapItem_number_key" ON "RoadmapItem"("number");

-- CreateIndex
CREATE INDEX "RoadmapItem_stage_rank_idx" ON "RoadmapItem"("stage", "rank");

-- CreateIndex
CREATE INDEX "RoadmapItem_targetQuarter_idx" ON "RoadmapItem"("targetQuarter");

-- CreateIndex
CREATE INDEX "RoadmapItem_ownerId_idx" ON "RoadmapItem"("ownerId");

-- CreateIndex
CREATE INDEX "RoadmapDependency_dependsOnId_idx" ON "RoadmapDependency"("dependsOnId");

-- CreateIndex
CREATE INDEX "RoadmapRisk_itemId_idx" ON "RoadmapRisk"("itemId");

-- CreateIndex
CREATE INDEX "RoadmapLink_kind_targetId_idx" ON "RoadmapLink"("kind", "targetId");

-- CreateIndex
CREATE UNIQUE INDEX "RoadmapLink_itemId_kind_targetId_key" ON "RoadmapLink"("itemId", "kind", "targetId");

-- CreateIndex
CREATE INDEX "RoadmapItemEvent_itemId_at_idx" ON "RoadmapItemEvent"("itemId", "at");

-- CreateIndex
CREATE INDEX "RoadmapItemEvent_kind_at_idx" ON "RoadmapItemEvent"("kind", "at");

-- CreateIndex
CREATE UNIQUE INDEX "RoadmapReview_quarter_key" ON "RoadmapReview"("quarter");

-- AddForeignKey
ALTER TABLE "RoadmapItem" ADD CONSTRAINT "RoadmapItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadmapItem" ADD CONSTRAINT "RoadmapItem_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadmapDependency" ADD CONSTRAINT "RoadmapDependency_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RoadmapItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadmapDependency" ADD CONSTRAINT "RoadmapDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "RoadmapItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadmapRisk" ADD CONSTRAINT "RoadmapRisk_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RoadmapItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadmapLink" ADD CONSTRAINT "RoadmapLink_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RoadmapItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadmapGateCheck" ADD CONSTRAINT "RoadmapGateCheck_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RoadmapItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadmapInputOverride" ADD CONSTRAINT "RoadmapInputOverride_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RoadmapItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadmapItemEvent" ADD CONSTRAINT "RoadmapItemEvent_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RoadmapItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
