-- AlterTable
ALTER TABLE "AnalyticsWorkflow" ADD COLUMN     "exclusions" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "orderMode" TEXT NOT NULL DEFAULT 'ordered';

-- AlterTable
ALTER TABLE "ExperimentEvent" ADD COLUMN     "analyticsKey" TEXT;

-- CreateTable
CREATE TABLE "AnalyticsDailyRollup" (
    "day" DATE NOT NULL,
    "event" TEXT NOT NULL,
    "department" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT '',
    "site" TEXT NOT NULL DEFAULT '',
    "appVersion" TEXT NOT NULL DEFAULT '',
    "events" INTEGER NOT NULL,
    "users" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalyticsDailyRollup_pkey" PRIMARY KEY ("day","event","department","role","site","appVersion")
);

-- CreateTable
CREATE TABLE "AnalyticsInsight" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "workflowKey" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "stepLabel" TEXT NOT NULL,
    "department" TEXT NOT NULL DEFAULT '',
    "periodFrom" TIMESTAMPTZ(3) NOT NULL,
    "periodTo" TIMESTAMPTZ(3) NOT NULL,
    "previousFrom" TIMESTAMPTZ(3) NOT NULL,
    "previousTo" TIMESTAMPTZ(3) NOT NULL,
    "currentBase" INTEGER NOT NULL,
    "currentLost" INTEGER NOT NULL,
    "previousBase" INTEGER NOT NULL,
    "previousLost" INTEGER NOT NULL,
    "zScore" DOUBLE PRECISION NOT NULL,
    "pValue" DOUBLE PRECISION NOT NULL,
    "priority" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "feedbackItemId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalyticsInsight_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnalyticsDailyRollup_event_day_idx" ON "AnalyticsDailyRollup"("event", "day");

-- CreateIndex
CREATE INDEX "AnalyticsInsight_status_createdAt_idx" ON "AnalyticsInsight"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AnalyticsInsight_kind_workflowKey_step_department_periodFro_key" ON "AnalyticsInsight"("kind", "workflowKey", "step", "department", "periodFrom");

-- CreateIndex
CREATE INDEX "ExperimentEvent_analyticsKey_idx" ON "ExperimentEvent"("analyticsKey");
