-- CreateTable
CREATE TABLE "Flag" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "variants" JSONB NOT NULL,
    "owner" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[],
    "category" TEXT NOT NULL DEFAULT 'operational',
    "lifecycle" TEXT NOT NULL DEFAULT 'active',
    "guardedSloKeys" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Flag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlagEnvironment" (
    "flagId" UUID NOT NULL,
    "environment" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "killed" BOOLEAN NOT NULL DEFAULT false,
    "offVariant" TEXT NOT NULL,
    "rules" JSONB NOT NULL DEFAULT '[]',
    "defaultServe" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FlagEnvironment_pkey" PRIMARY KEY ("flagId","environment")
);

-- CreateTable
CREATE TABLE "RolloutPlan" (
    "id" UUID NOT NULL,
    "flagId" UUID NOT NULL,
    "environment" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "stages" JSONB NOT NULL,
    "stageIntervalHours" INTEGER NOT NULL DEFAULT 24,
    "currentStage" INTEGER NOT NULL DEFAULT 0,
    "percentage" DOUBLE PRECISION NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "violationThreshold" INTEGER NOT NULL DEFAULT 3,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextStageAt" TIMESTAMPTZ(3),
    "pausedReason" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RolloutPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlagChangeRequest" (
    "id" UUID NOT NULL,
    "flagId" UUID NOT NULL,
    "environment" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "approvedHash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT NOT NULL DEFAULT '',
    "requestedById" UUID NOT NULL,
    "approvedById" UUID,
    "approvedAt" TIMESTAMPTZ(3),
    "appliedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FlagChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceRecord" (
    "id" UUID NOT NULL,
    "flagId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '',
    "recordedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplianceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlagEvent" (
    "id" BIGSERIAL NOT NULL,
    "flagId" UUID NOT NULL,
    "environment" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "data" JSONB,

    CONSTRAINT "FlagEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlagEvaluationCount" (
    "flagKey" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "FlagEvaluationCount_pkey" PRIMARY KEY ("flagKey","environment","variant","hour")
);

-- CreateTable
CREATE TABLE "Experiment" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "flagId" UUID NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "primaryMetric" JSONB NOT NULL,
    "guardrailSloKeys" TEXT[],
    "controlVariant" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "stoppedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentEvent" (
    "id" BIGSERIAL NOT NULL,
    "experimentId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ExperimentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Flag_key_key" ON "Flag"("key");

-- CreateIndex
CREATE INDEX "RolloutPlan_status_nextStageAt_idx" ON "RolloutPlan"("status", "nextStageAt");

-- CreateIndex
CREATE INDEX "RolloutPlan_flagId_environment_idx" ON "RolloutPlan"("flagId", "environment");

-- CreateIndex
CREATE INDEX "FlagChangeRequest_flagId_status_idx" ON "FlagChangeRequest"("flagId", "status");

-- CreateIndex
CREATE INDEX "ComplianceRecord_flagId_kind_idx" ON "ComplianceRecord"("flagId", "kind");

-- CreateIndex
CREATE INDEX "FlagEvent_flagId_at_idx" ON "FlagEvent"("flagId", "at");

-- CreateIndex
CREATE INDEX "FlagEvaluationCount_hour_idx" ON "FlagEvaluationCount"("hour");

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_key_key" ON "Experiment"("key");

-- CreateIndex
CREATE INDEX "ExperimentEvent_experimentId_kind_variant_idx" ON "ExperimentEvent"("experimentId", "kind", "variant");

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentEvent_experimentId_kind_subject_key" ON "ExperimentEvent"("experimentId", "kind", "subject");

-- AddForeignKey
ALTER TABLE "FlagEnvironment" ADD CONSTRAINT "FlagEnvironment_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RolloutPlan" ADD CONSTRAINT "RolloutPlan_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlagChangeRequest" ADD CONSTRAINT "FlagChangeRequest_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplianceRecord" ADD CONSTRAINT "ComplianceRecord_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlagEvent" ADD CONSTRAINT "FlagEvent_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentEvent" ADD CONSTRAINT "ExperimentEvent_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
