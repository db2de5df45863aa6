import { formatMoney, type OrderConfirmedV1, type OrderRejectedV1, type ShipmentFailedV1, type SlackNotificationKind } from '@shop/event-contracts';
import { context, escapeMrkdwn as esc, fields, header, section, type SlackMessage } from './slack-message.js';

export interface OrderSlackMessage {
  kind: SlackNotificationKind;
  message: SlackMessage;
}

const eventLine = (eventId: string) => context(`event \`${eventId}\``);

export function orderConfirmedMessage(order: OrderConfirmedV1, eventId: string): OrderSlackMessage {
  const total = formatMoney(order.totalCents, order.currency);
  const lines = order.lines.map((l) => `• ${l.quantity} × ${esc(l.name)} (\`${esc(l.sku)}\`)`).join('\n');
  return {
    kind: 'order-confirmed',
    message: {
      text: `Order ${order.orderId} confirmed: ${total}`,
      blocks: [
        header(`Order confirmed: ${total}`),
        fields({ Order: `\`${order.orderId}\``, Customer: esc(order.email), 'Ships to': `${esc(order.shippingAddress.city)}, ${order.shippingAddress.country}` }),
        section(lines),
        eventLine(eventId),
      ],
    },
  };
}

export function orderRejectedMessage(order: OrderRejectedV1, eventId: string): OrderSlackMessage {
  const causes = [
    ...order.shortages.map((s) => `• \`${esc(s.sku)}\`: ${s.requested} asked, ${s.available} in stock`),
    ...order.unknownSkus.map((sku) => `• \`${esc(sku)}\`: not in the catalogue`),
  ].join('\n');
  return {
    kind: 'order-rejected',
    message: {
      text: `Order ${order.orderId} rejected: stock unavailable`,
      blocks: [
        header(':x: Order rejected: stock unavailable'),
        fields({ Order: `\`${order.orderId}\``, Customer: esc(order.email) }),
        section(causes),
        eventLine(eventId),
      ],
    },
  };
}

export function shipmentFailedMessage(failure: ShipmentFailedV1, eventId: string): OrderSlackMessage {
  return {
    kind: 'shipment-failed',
    message: {
      text: `Shipment of order ${failure.orderId} failed: ${failure.reason}`,
      blocks: [
        header(':warning: Shipment failed: the order is being cancelled'),
        fields({ Order: `\`${failure.orderId}\``, Shipment: `\`${failure.shipmentId}\`` }),
        section(`*Reason*\n${esc(failure.reason)}`),
        eventLine(eventId),
      ],
    },
  };
}
