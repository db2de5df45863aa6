/*
  Warnings:

  - Added the required column `kind` to the `SlackNotification` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "SlackNotification" ADD COLUMN     "kind" TEXT NOT NULL;

-- CreateIndex
CREATE INDEX "SlackNotification_orderId_idx" ON "SlackNotification"("orderId");
