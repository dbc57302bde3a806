-- AlterTable
ALTER TABLE "Slo" ADD COLUMN     "archivedAt" TIMESTAMPTZ(3),
ADD COLUMN     "escalationPolicyId" UUID,
ADD COLUMN     "guardsRollouts" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "pageEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "ticketEnabled" BOOLEAN NOT NULL DEFAULT true;

-- AddForeignKey
ALTER TABLE "Slo" ADD CONSTRAINT "Slo_escalationPolicyId_fkey" FOREIGN KEY ("escalationPolicyId") REFERENCES "EscalationPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;
