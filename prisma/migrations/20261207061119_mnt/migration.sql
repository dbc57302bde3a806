-- Issue 12 (helper mnt): the operations guide's emergency escalation interval, recurring maintenance
-- schedules materialised into MaintenanceWindow rows, and a latency threshold per health probe.

-- AlterTable
ALTER TABLE "EscalationPolicy" ADD COLUMN     "emergencyIntervalMinutes" INTEGER;

-- AlterTable
ALTER TABLE "MaintenanceWindow" ADD COLUMN     "scheduleId" UUID;

-- AlterTable
ALTER TABLE "Probe" ADD COLUMN     "consecutiveFast" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "consecutiveSlow" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "degradedIncidentId" UUID,
ADD COLUMN     "latencyThresholdMs" INTEGER NOT NULL DEFAULT 500,
ADD COLUMN     "performance" TEXT NOT NULL DEFAULT 'ok';

-- CreateTable
CREATE TABLE "MaintenanceSchedule" (
    "id" UUID NOT NULL,
    "serviceId" UUID,
    "rrule" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "reason" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MaintenanceSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MaintenanceSchedule_archivedAt_idx" ON "MaintenanceSchedule"("archivedAt");

-- CreateIndex
CREATE INDEX "MaintenanceWindow_startsAt_idx" ON "MaintenanceWindow"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "MaintenanceWindow_scheduleId_serviceId_startsAt_key" ON "MaintenanceWindow"("scheduleId", "serviceId", "startsAt");

-- AddForeignKey
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "MaintenanceSchedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceSchedule" ADD CONSTRAINT "MaintenanceSchedule_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
