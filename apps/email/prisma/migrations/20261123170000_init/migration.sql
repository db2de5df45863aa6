-- CreateTable
CREATE TABLE "SentEmail" (
    "eventId" TEXT NOT NULL,
    "orderId" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentEmail_pkey" PRIMARY KEY ("eventId")
);
