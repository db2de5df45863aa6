-- CreateTable
CREATE TABLE "TimelineEntry" (
    "eventId" TEXT NOT NULL,
    "orderId" UUID NOT NULL,
    "customerId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("eventId")
);

-- CreateIndex
CREATE INDEX "TimelineEntry_orderId_idx" ON "TimelineEntry"("orderId");

-- CreateIndex
CREATE INDEX "TimelineEntry_customerId_idx" ON "TimelineEntry"("customerId");
