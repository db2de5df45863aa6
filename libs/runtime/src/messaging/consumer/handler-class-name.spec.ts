import { nameHandlerClass } from './handler-class-name.js';

describe('nameHandlerClass', () => {
  it('names the class after the prefix and the event type', () => {
    class Handler {}
    expect(nameHandlerClass(Handler, 'Email', 'shop.order.placed.v1').name).toBe('EmailOrderPlacedV1Handler');
    class Other {}
    expect(nameHandlerClass(Other, 'Slack', 'shop.shipping.shipment-failed.v1').name).toBe('SlackShippingShipmentFailedV1Handler');
  });
});
