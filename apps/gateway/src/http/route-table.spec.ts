import { Controller, Get, Module, Post } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { RouteTable, routeTableOf } from './route-table.js';

describe('RouteTable', () => {
  const table = new RouteTable(['GET /', 'GET /orders/{id}', 'POST /orders', 'POST /orders/{id}/cancel', 'GET /health/live']);

  it('gives the methods a path takes, HEAD with GET, as Express matches paths', () => {
    expect(table.methodsAt('/orders')).toEqual(['POST']);
    expect(table.methodsAt('/orders/42')).toEqual(['GET', 'HEAD']);
    expect(table.methodsAt('/ORDERS/42/')).toEqual(['GET', 'HEAD']);
    expect(table.methodsAt('/orders/%ZZ/cancel')).toEqual(['POST']);
    expect(table.methodsAt('/')).toEqual(['GET', 'HEAD']);
    expect(table.templatesOf('/health/live')).toEqual(['/health/live']);
  });

  it('gives the parameters of a path as sent', () => {
    expect(table.parametersAt('/orders/%ZZ/cancel')).toEqual({ id: '%ZZ' });
    expect(table.parametersAt('/orders/')).toEqual({});
  });

  it('knows no other path', () => {
    for (const path of ['/orders/', '/orders//cancel', '/orders/42/cancel/x', '//orders', '/nope', '/health', '/orders/a/b']) {
      expect([path, table.methodsAt(path)]).toEqual([path, path === '/orders/' ? ['POST'] : undefined]);
    }
  });

  it('reads the routes of every controller the app registered', async () => {
    @Controller('things')
    class ThingsController {
      @Get(':id') get() {}
      @Post() add() {}
    }
    @Module({ controllers: [ThingsController] })
    class ThingsModule {}
    const app = await NestFactory.createApplicationContext(ThingsModule, { logger: false });
    try {
      const routes = routeTableOf(app.get(ModulesContainer));
      expect(routes.methodsAt('/things')).toEqual(['POST']);
      expect(routes.methodsAt('/things/1')).toEqual(['GET', 'HEAD']);
    } finally {
      await app.close();
    }
  });
});
