/*
  Warnings:

  - Added the required column `causationId` to the `Shipment` table without a default value. This is not possible if the table is not empty.
  - Added the required column `correlationId` to the `Shipment` table without a default value. This is not possible if the table is not empty.
  - Added the required column `dispatchAt` to the `Shipment` table without a default value. This is not possible if the table is not empty.
  - Added the required column `shippingAddress` to the `Shipment` table without a default value. This is not possible if the table is not empty.
  - Added the required column `traceHeaders` to the `Shipment` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "carrier" TEXT,
ADD COLUMN     "causationId" TEXT NOT NULL,
ADD COLUMN     "correlationId" TEXT NOT NULL,
ADD COLUMN     "dispatchAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "failureReason" TEXT,
ADD COLUMN     "settledAt" TIMESTAMP(3),
ADD COLUMN     "shippingAddress" JSONB NOT NULL,
ADD COLUMN     "traceHeaders" JSONB NOT NULL,
ADD COLUMN     "trackingNumber" TEXT;

-- CreateTable
CREATE TABLE "CancelledOrder" (
    "orderId" UUID NOT NULL,
    "cancelledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CancelledOrder_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE INDEX "Shipment_status_dispatchAt_idx" ON "Shipment"("status", "dispatchAt");

-- Written by hand (Prisma cannot express CHECK constraints): the only statuses
-- a shipment can have. Nothing wrote shipments before this migration, so the
-- required columns above meet an empty table.
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_status_check" CHECK ("status" IN ('CREATED', 'DISPATCHED', 'FAILED', 'CANCELLED'));
