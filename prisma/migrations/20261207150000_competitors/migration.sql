-- CreateEnum
CREATE TYPE "CapabilityStatus" AS ENUM ('none', 'partial', 'full', 'unknown');

-- CreateEnum
CREATE TYPE "EvidenceConfidence" AS ENUM ('low', 'medium', 'high');

-- CreateTable
CREATE TABLE "Competitor" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "segment" TEXT NOT NULL DEFAULT '',
    "position" TEXT NOT NULL DEFAULT '',
    "website" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "isUs" BOOLEAN NOT NULL DEFAULT false,
    "marketOverlap" INTEGER NOT NULL DEFAULT 50,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Competitor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Capability" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "weight" INTEGER NOT NULL DEFAULT 3,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Capability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CapabilityCell" (
    "competitorId" UUID NOT NULL,
    "capabilityId" UUID NOT NULL,
    "status" "CapabilityStatus" NOT NULL DEFAULT 'unknown',
    "confidence" "EvidenceConfidence" NOT NULL DEFAULT 'low',
    "evidenceAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CapabilityCell_pkey" PRIMARY KEY ("competitorId","capabilityId")
);

-- CreateTable
CREATE TABLE "CompetitorEvidence" (
    "id" UUID NOT NULL,
    "competitorId" UUID NOT NULL,
    "capabilityId" UUID,
    "kind" TEXT NOT NULL,
    "status" "CapabilityStatus",
    "previous" "CapabilityStatus",
    "confidence" "EvidenceConfidence" NOT NULL DEFAULT 'medium',
    "sourceUrl" TEXT,
    "sourceTitle" TEXT NOT NULL DEFAULT '',
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" UUID,
    "recordedBy" TEXT NOT NULL DEFAULT '',
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetitorEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompetitorPrice" (
    "id" UUID NOT NULL,
    "competitorId" UUID NOT NULL,
    "product" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "low" INTEGER NOT NULL,
    "high" INTEGER NOT NULL,
    "sourceUrl" TEXT,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "confidence" "EvidenceConfidence" NOT NULL DEFAULT 'medium',
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetitorPrice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SwotItem" (
    "id" UUID NOT NULL,
    "competitorId" UUID NOT NULL,
    "quadrant" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "evidenceId" UUID,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SwotItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompetitorThreatLink" (
    "id" UUID NOT NULL,
    "capabilityId" UUID NOT NULL,
    "competitorIds" UUID[],
    "evidenceIds" UUID[],
    "level" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "explanation" TEXT NOT NULL,
    "roadmapItemId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CompetitorThreatLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Competitor_key_key" ON "Competitor"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Capability_key_key" ON "Capability"("key");

-- CreateIndex
CREATE INDEX "CapabilityCell_capabilityId_idx" ON "CapabilityCell"("capabilityId");

-- CreateIndex
CREATE INDEX "CompetitorEvidence_competitorId_recordedAt_idx" ON "CompetitorEvidence"("competitorId", "recordedAt" DESC);

-- CreateIndex
CREATE INDEX "CompetitorEvidence_competitorId_capabilityId_observedAt_idx" ON "CompetitorEvidence"("competitorId", "capabilityId", "observedAt" DESC);

-- CreateIndex
CREATE INDEX "CompetitorPrice_competitorId_idx" ON "CompetitorPrice"("competitorId");

-- CreateIndex
CREATE INDEX "SwotItem_competitorId_quadrant_idx" ON "SwotItem"("competitorId", "quadrant");

-- CreateIndex
CREATE UNIQUE INDEX "CompetitorThreatLink_capabilityId_key" ON "CompetitorThreatLink"("capabilityId");

-- AddForeignKey
ALTER TABLE "CapabilityCell" ADD CONSTRAINT "CapabilityCell_competitorId_fkey" FOREIGN KEY ("competitorId") REFERENCES "Competitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CapabilityCell" ADD CONSTRAINT "CapabilityCell_capabilityId_fkey" FOREIGN KEY ("capabilityId") REFERENCES "Capability"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetitorEvidence" ADD CONSTRAINT "CompetitorEvidence_competitorId_fkey" FOREIGN KEY ("competitorId") REFERENCES "Competitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetitorEvidence" ADD CONSTRAINT "CompetitorEvidence_capabilityId_fkey" FOREIGN KEY ("capabilityId") REFERENCES "Capability"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetitorPrice" ADD CONSTRAINT "CompetitorPrice_competitorId_fkey" FOREIGN KEY ("competitorId") REFERENCES "Competitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SwotItem" ADD CONSTRAINT "SwotItem_competitorId_fkey" FOREIGN KEY ("competitorId") REFERENCES "Competitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;
