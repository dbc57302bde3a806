-- CreateTable
CREATE TABLE "SecurityEvent" (
    "id" BIGSERIAL NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" JSONB,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dedupKey" TEXT NOT NULL,
    "incidentId" UUID,

    CONSTRAINT "SecurityEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKeyUsage" (
    "apiKeyId" UUID NOT NULL,
    "ip" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "refusedScopes" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "ApiKeyUsage_pkey" PRIMARY KEY ("apiKeyId","ip","hour")
);

-- CreateIndex
CREATE UNIQUE INDEX "SecurityEvent_dedupKey_key" ON "SecurityEvent"("dedupKey");

-- CreateIndex
CREATE INDEX "SecurityEvent_detectedAt_idx" ON "SecurityEvent"("detectedAt");

-- CreateIndex
CREATE INDEX "SecurityEvent_rule_detectedAt_idx" ON "SecurityEvent"("rule", "detectedAt");

-- CreateIndex
CREATE INDEX "SecurityEvent_subject_idx" ON "SecurityEvent"("subject");

-- CreateIndex
CREATE INDEX "ApiKeyUsage_hour_idx" ON "ApiKeyUsage"("hour");
