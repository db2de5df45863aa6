-- CreateEnum
CREATE TYPE "ReservationStatus" AS ENUM ('RESERVED', 'RELEASED');

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "currency" CHAR(3) NOT NULL DEFAULT 'EUR';

-- CreateTable
CREATE TABLE "Reservation" (
    "orderId" UUID NOT NULL,
    "status" "ReservationStatus" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedAt" TIMESTAMP(3),

    CONSTRAINT "Reservation_pkey" PRIMARY KEY ("orderId")
);

-- CreateTable
CREATE TABLE "ReservationLine" (
    "orderId" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPriceCents" INTEGER NOT NULL,

    CONSTRAINT "ReservationLine_pkey" PRIMARY KEY ("orderId","sku")
);

-- CreateTable
CREATE TABLE "CancelledOrder" (
    "orderId" UUID NOT NULL,
    "cancelledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CancelledOrder_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE INDEX "ReservationLine_sku_idx" ON "ReservationLine"("sku");

-- AddForeignKey
ALTER TABLE "ReservationLine" ADD CONSTRAINT "ReservationLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Reservation"("orderId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReservationLine" ADD CONSTRAINT "ReservationLine_sku_fkey" FOREIGN KEY ("sku") REFERENCES "Product"("sku") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand (Prisma cannot express CHECK constraints): the database
-- itself refuses negative stock, whatever the code does.
ALTER TABLE "Product" ADD CONSTRAINT "Product_stock_check" CHECK ("stock" >= 0);
ALTER TABLE "Product" ADD CONSTRAINT "Product_priceCents_check" CHECK ("priceCents" >= 0);
ALTER TABLE "Product" ADD CONSTRAINT "Product_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "ReservationLine" ADD CONSTRAINT "ReservationLine_quantity_check" CHECK ("quantity" > 0);
ALTER TABLE "ReservationLine" ADD CONSTRAINT "ReservationLine_unitPriceCents_check" CHECK ("unitPriceCents" >= 0);
ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_totalCents_check" CHECK ("totalCents" >= 0);

-- Written by hand: the demo catalog. Some products are nearly sold out, one is
-- sold out, so a few orders in the demo are REJECTED. Existing rows are kept.
INSERT INTO "Product" ("sku", "name", "priceCents", "currency", "stock", "updatedAt") VALUES
    ('MUG-CERAMIC-350', 'Ceramic Mug, 350 ml', 1250, 'EUR', 120, CURRENT_TIMESTAMP),
    ('TEE-ORGANIC-M', 'Organic Cotton T-Shirt, size M', 2490, 'EUR', 40, CURRENT_TIMESTAMP),
    ('BOTTLE-STEEL-750', 'Insulated Steel Bottle, 750 ml', 2990, 'EUR', 60, CURRENT_TIMESTAMP),
    ('NOTEBOOK-A5-DOT', 'Dotted A5 Notebook', 1495, 'EUR', 200, CURRENT_TIMESTAMP),
    ('HOODIE-MERINO-L', 'Merino Wool Hoodie, size L', 8900, 'EUR', 3, CURRENT_TIMESTAMP),
    ('BACKPACK-ROLLTOP-24', 'Roll-Top Backpack, 24 l', 11900, 'EUR', 5, CURRENT_TIMESTAMP),
    ('HEADPHONES-ANC', 'Noise-Cancelling Headphones', 19900, 'EUR', 2, CURRENT_TIMESTAMP),
    ('LAMP-DESK-LED', 'LED Desk Lamp', 4950, 'EUR', 0, CURRENT_TIMESTAMP)
ON CONFLICT ("sku") DO NOTHING;
