-- CreateTable
CREATE TABLE "CompetitorWatchSource" (
    "id" UUID NOT NULL,
    "competitorId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastCheckedAt" TIMESTAMPTZ(3),
    "lastStatus" TEXT,
    "lastError" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID,
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CompetitorWatchSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompetitorWatchSnapshot" (
    "sourceId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CompetitorWatchSnapshot_pkey" PRIMARY KEY ("sourceId")
);

-- CreateTable
CREATE TABLE "CompetitorWatchChange" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "competitorId" UUID NOT NULL,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL,
    "summary" TEXT NOT NULL,
    "diff" JSONB NOT NULL,
    "excerpt" TEXT NOT NULL,
    "items" JSONB,
    "hash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "acceptedAs" TEXT,
    "evidenceId" UUID,
    "reason" TEXT NOT NULL DEFAULT '',
    "reviewedById" UUID,
    "reviewedBy" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetitorWatchChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CompetitorWatchSource_active_idx" ON "CompetitorWatchSource"("active");

-- CreateIndex
CREATE UNIQUE INDEX "CompetitorWatchSource_competitorId_url_key" ON "CompetitorWatchSource"("competitorId", "url");

-- CreateIndex
CREATE INDEX "CompetitorWatchChange_sourceId_detectedAt_idx" ON "CompetitorWatchChange"("sourceId", "detectedAt" DESC);

-- CreateIndex
CREATE INDEX "CompetitorWatchChange_status_detectedAt_idx" ON "CompetitorWatchChange"("status", "detectedAt" DESC);

-- CreateIndex
CREATE INDEX "CompetitorWatchChange_competitorId_idx" ON "CompetitorWatchChange"("competitorId");

-- AddForeignKey
ALTER TABLE "CompetitorWatchSource" ADD CONSTRAINT "CompetitorWatchSource_competitorId_fkey" FOREIGN KEY ("competitorId") REFERENCES "Competitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetitorWatchSnapshot" ADD CONSTRAINT "CompetitorWatchSnapshot_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "CompetitorWatchSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetitorWatchChange" ADD CONSTRAINT "CompetitorWatchChange_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "CompetitorWatchSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
