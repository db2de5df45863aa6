import { Logger } from '@nestjs/common';
import { errorReply, okReply, Requests } from '@shop/event-contracts';
import { BreakerRegistry, type RequestClient, ServiceUnavailableError } from '@shop/runtime';
import { ProblemException } from '../problem/problem.js';
import { DownstreamService, serviceOfPattern } from './downstream.service.js';

Logger.overrideLogger(false);

describe('DownstreamService', () => {
  const breakers = new BreakerRegistry();
  let answer: () => Promise<unknown>;
  const client = { call: () => answer() } as unknown as RequestClient;
  const downstream = new DownstreamService(client, breakers);
  const orderId = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';
  const problemOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a problem');
      },
      (error: unknown) => {
        if (!(error instanceof ProblemException)) throw error;
        return { ...error.problem, headers: error.headers };
      },
    );

  afterAll(() => breakers.onApplicationShutdown());

  it('returns the value of an ok reply', async () => {
    answer = async () => okReply({ orderId, status: 'CANCELLED' });
    await expect(downstream.ask(Requests.cancelOrder, { orderId, reason: 'x' })).resolves.toEqual({ orderId, status: 'CANCELLED' });
  });

  it('turns an error reply into its problem, naming fields as the client sent them', async () => {
    answer = async () => errorReply('INVALID', 'orderId: bad', [{ path: 'orderId', message: 'bad' }]);
    await expect(problemOf(downstream.ask(Requests.getOrder, { orderId }, { orderId: 'id' }))).resolves.toMatchObject({
      status: 400,
      errors: [{ field: 'id', message: 'bad' }],
    });
  });

  it('answers 503 retrying soon when the service did not answer in time', async () => {
    answer = async () => {
      throw new ServiceUnavailableError('shop.order.get unavailable: Timeout has occurred');
    };
    await expect(problemOf(downstream.ask(Requests.getOrder, { orderId }))).resolves.toEqual({
      type: '/problems/service-unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'the order service did not answer in time (shop.order.get)',
      headers: { 'Retry-After': '1' },
    });
  });

  it('answers 503 retrying after the breaker reset when the breaker is open', async () => {
    breakers.create('request:shop.order.place', async () => 'unused').open();
    answer = async () => {
      throw new ServiceUnavailableError('shop.order.place unavailable: its breaker is open');
    };
    const problem = await problemOf(
      downstream.ask(Requests.placeOrder, {
        customerId: 'c',
        email: 'c@example.com',
        items: [{ sku: 'MUG', quantity: 1 }],
        shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: '1', country: 'DE' },
        idempotencyKey: 'k',
      }),
    );
    expect(problem).toMatchObject({ status: 503, detail: expect.stringMatching(/failed repeatedly/), headers: { 'Retry-After': '10' } });
  });

  it('answers 502 when the reply cannot be read', async () => {
    answer = async () => {
      throw new Error('shop.order.get answered an invalid reply: value.status: Invalid option');
    };
    await expect(problemOf(downstream.ask(Requests.getOrder, { orderId }))).resolves.toMatchObject({ status: 502 });
  });

  it('knows which service a pattern belongs to, prefixed or not', () => {
    expect(serviceOfPattern('shop.history.get-order-timeline')).toBe('history');
    expect(serviceOfPattern('it.abc.shop.inventory.list-products')).toBe('inventory');
  });
});
