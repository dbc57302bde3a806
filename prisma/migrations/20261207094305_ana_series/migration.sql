-- CreateTable
CREATE TABLE "AnalyticsDailySeries" (
    "day" DATE NOT NULL,
    "event" TEXT NOT NULL,
    "dimension" TEXT NOT NULL DEFAULT '',
    "value" TEXT NOT NULL DEFAULT '',
    "events" INTEGER NOT NULL,
    "users" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalyticsDailySeries_pkey" PRIMARY KEY ("day","event","dimension","value")
);

-- CreateIndex
CREATE INDEX "AnalyticsDailySeries_event_dimension_day_idx" ON "AnalyticsDailySeries"("event", "dimension", "day");

-- Daily rollups read one UTC day of "AnalyticsEvent" at a time (lib/analytics/rollups.ts); without an index
-- led by the time each would read its whole month. Created on the partitioned table, so every partition,
-- and every partition analytics_create_partition makes later, has it. (Hand-written: the table is raw SQL.)
CREATE INDEX "AnalyticsEvent_occurredAt_idx" ON "AnalyticsEvent" ("occurredAt");
