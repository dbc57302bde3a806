-- CreateTable
CREATE TABLE "Slo" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sli" TEXT NOT NULL,
    "sliType" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "workflow" TEXT NOT NULL DEFAULT '',
    "target" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION,
    "comparator" TEXT,
    "windowKind" TEXT NOT NULL DEFAULT 'rolling',
    "windowDays" INTEGER NOT NULL DEFAULT 30,
    "budgeting" TEXT NOT NULL DEFAULT 'occurrences',
    "timesliceMinutes" INTEGER NOT NULL DEFAULT 5,
    "timesliceTarget" DOUBLE PRECISION NOT NULL DEFAULT 0.95,
    "minEvents" INTEGER NOT NULL DEFAULT 100,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Slo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SliEvent" (
    "id" BIGSERIAL NOT NULL,
    "sli" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "workflow" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION,
    "good" INTEGER,
    "total" INTEGER,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SliEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SloRollup" (
    "sloId" UUID NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "good" BIGINT NOT NULL,
    "total" BIGINT NOT NULL,

    CONSTRAINT "SloRollup_pkey" PRIMARY KEY ("sloId","minute")
);

-- CreateTable
CREATE TABLE "SloViolation" (
    "id" UUID NOT NULL,
    "sloId" UUID NOT NULL,
    "service" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),
    "workings" JSONB NOT NULL,
    "incidentId" UUID,

    CONSTRAINT "SloViolation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaReport" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "timezone" TEXT NOT NULL,
    "generatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" JSONB NOT NULL,

    CONSTRAINT "SlaReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportSubscription" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "userId" UUID,
    "email" TEXT,
    "channelId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Slo_key_key" ON "Slo"("key");

-- CreateIndex
CREATE INDEX "Slo_sli_service_workflow_idx" ON "Slo"("sli", "service", "workflow");

-- CreateIndex
CREATE INDEX "SliEvent_at_idx" ON "SliEvent"("at");

-- CreateIndex
CREATE INDEX "SliEvent_sli_service_workflow_at_idx" ON "SliEvent"("sli", "service", "workflow", "at");

-- CreateIndex
CREATE INDEX "SloRollup_minute_idx" ON "SloRollup"("minute");

-- CreateIndex
CREATE INDEX "SloViolation_sloId_openedAt_idx" ON "SloViolation"("sloId", "openedAt");

-- CreateIndex
CREATE INDEX "SloViolation_resolvedAt_idx" ON "SloViolation"("resolvedAt");

-- CreateIndex
CREATE INDEX "SlaReport_generatedAt_idx" ON "SlaReport"("generatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SlaReport_period_periodStart_key" ON "SlaReport"("period", "periodStart");

-- CreateIndex
CREATE INDEX "ReportSubscription_period_idx" ON "ReportSubscription"("period");

-- AddForeignKey
ALTER TABLE "SloRollup" ADD CONSTRAINT "SloRollup_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SloViolation" ADD CONSTRAINT "SloViolation_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;
