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
