/*
  Warnings:

  - Added the required column `messageId` to the `SentEmail` table without a default value. This is not possible if the table is not empty.
  - Added the required column `subject` to the `SentEmail` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "SentEmail" ADD COLUMN     "messageId" TEXT NOT NULL,
ADD COLUMN     "subject" TEXT NOT NULL;

-- CreateTable
CREATE TABLE "OrderSnapshot" (
    "orderId" UUID NOT NULL,
    "lines" JSONB NOT NULL,
    "currency" TEXT NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderSnapshot_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE INDEX "SentEmail_orderId_idx" ON "SentEmail"("orderId");
