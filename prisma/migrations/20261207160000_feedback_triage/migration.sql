-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'safety_officer';

-- AlterTable
ALTER TABLE "FeedbackItem" ADD COLUMN     "safetyIncidentAt" TIMESTAMPTZ(3),
ADD COLUMN     "slaEscalatedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "FeedbackSavedFilter" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackSavedFilter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackSavedFilter_userId_name_key" ON "FeedbackSavedFilter"("userId", "name");

-- CreateIndex
CREATE INDEX "FeedbackItem_safetyConcern_safetyIncidentAt_idx" ON "FeedbackItem"("safetyConcern", "safetyIncidentAt");

-- AddForeignKey
ALTER TABLE "FeedbackSavedFilter" ADD CONSTRAINT "FeedbackSavedFilter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
