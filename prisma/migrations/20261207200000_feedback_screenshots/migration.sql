-- AlterTable
ALTER TABLE "FeedbackSiteKey" ADD COLUMN     "acceptScreenshots" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "FeedbackScreenshot" (
    "id" UUID NOT NULL,
    "feedbackItemId" UUID NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "purgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "FeedbackScreenshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackScreenshot_feedbackItemId_key" ON "FeedbackScreenshot"("feedbackItemId");

-- CreateIndex
CREATE INDEX "FeedbackScreenshot_expiresAt_idx" ON "FeedbackScreenshot"("expiresAt");

-- AddForeignKey
ALTER TABLE "FeedbackScreenshot" ADD CONSTRAINT "FeedbackScreenshot_feedbackItemId_fkey" FOREIGN KEY ("feedbackItemId") REFERENCES "FeedbackItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
