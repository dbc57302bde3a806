-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "reopenCount" INTEGER NOT NULL DEFAULT 0;
