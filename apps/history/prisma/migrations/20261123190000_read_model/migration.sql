/*
  Warnings:

  - Added the required column `source` to the `TimelineEntry` table without a default value. This is not possible if the table is not empty.
  - Added the required column `summary` to the `TimelineEntry` table without a default value. This is not possible if the table is not empty.

*/
-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('PENDING', 'CONFIRMED', 'SHIPPED', 'REJECTED', 'CANCELLED');

-- AlterTable
ALTER TABLE "TimelineEntry" ADD COLUMN     "source" TEXT NOT NULL,
ADD COLUMN     "summary" TEXT NOT NULL,
ALTER COLUMN "customerId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "OrderSummary" (
    "orderId" UUID NOT NULL,
    "customerId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "status" "OrderStatus" NOT NULL,
    "currency" TEXT,
    "totalCents" INTEGER,
    "placedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderSummary_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE INDEX "OrderSummary_customerId_placedAt_idx" ON "OrderSummary"("customerId", "placedAt" DESC);
