-- CreateTable
CREATE TABLE "RestoreDrill" (
    "id" BIGSERIAL NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "trigger" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "backupFile" TEXT,
    "backupKind" TEXT,
    "backupCreatedAt" TIMESTAMPTZ(3),
    "backupAgeSeconds" INTEGER,
    "restoreMs" INTEGER,
    "totalMs" INTEGER NOT NULL,
    "schemaVersion" TEXT,
    "tables" INTEGER,
    "rows" BIGINT,
    "auditRows" INTEGER,
    "error" TEXT,
    "checks" JSONB NOT NULL,

    CONSTRAINT "RestoreDrill_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RestoreDrill_startedAt_idx" ON "RestoreDrill"("startedAt");
