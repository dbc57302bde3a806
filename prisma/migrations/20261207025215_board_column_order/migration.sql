-- CreateIndex
CREATE INDEX "Incident_status_severity_triggeredAt_number_idx" ON "Incident"("status", "severity", "triggeredAt" DESC, "number" DESC);

-- CreateIndex
CREATE INDEX "Incident_status_resolvedAt_number_idx" ON "Incident"("status", "resolvedAt" DESC, "number" DESC);
