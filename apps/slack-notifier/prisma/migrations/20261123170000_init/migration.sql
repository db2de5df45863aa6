-- CreateTable
CREATE TABLE "SlackNotification" (
    "eventId" TEXT NOT NULL,
    "orderId" UUID NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackNotification_pkey" PRIMARY KEY ("eventId")
);
