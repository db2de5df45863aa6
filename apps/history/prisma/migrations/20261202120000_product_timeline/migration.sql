-- AlterTable
ALTER TABLE "TimelineEntry" ADD COLUMN     "sku" TEXT,
ALTER COLUMN "orderId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "TimelineEntry_sku_occurredAt_idx" ON "TimelineEntry"("sku", "occurredAt" DESC);
