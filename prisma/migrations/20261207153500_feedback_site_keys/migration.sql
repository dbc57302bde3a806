-- CreateTable
CREATE TABLE "FeedbackSiteKey" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "publicId" TEXT NOT NULL,
    "secretEncrypted" TEXT NOT NULL,
    "allowedOrigins" TEXT[],
    "createdById" UUID,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "FeedbackSiteKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackSiteKey_publicId_key" ON "FeedbackSiteKey"("publicId");
