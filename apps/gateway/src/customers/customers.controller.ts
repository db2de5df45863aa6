import { Controller, Get, Inject, Param } from '@nestjs/common';
import { CurrentCustomer } from '../auth/current-customer.decorator.js';
import { Problems } from '../problem/problem.js';
import { DownstreamService } from '../requests/downstream.service.js';
import { GATEWAY_REQUESTS, type GatewayRequests } from '../requests/gateway-requests.js';
import { parsedOrThrow } from '../validation/parsed-or-throw.js';

const ID_PARAM = { customerId: 'id' } as const;

@Controller('customers')
export class CustomersController {
  constructor(
    private readonly downstream: DownstreamService,
    @Inject(GATEWAY_REQUESTS) private readonly requests: GatewayRequests,
  ) {}

  /**
   * From the history read model, newest first; a customer without orders has
   * an empty list. Only one's own: another customer's list is a 404, as if
   * there were no such customer.
   */
  @Get(':id/orders')
  orders(@Param('id') id: string, @CurrentCustomer() customerId: string) {
    const request = parsedOrThrow(this.requests.getCustomerOrders.parseRequest({ customerId: id }), ID_PARAM);
    if (request.customerId !== customerId) throw Problems.notFound(`no customer ${request.customerId}`);
    return this.downstream.ask(this.requests.getCustomerOrders, request, ID_PARAM);
  }
}
