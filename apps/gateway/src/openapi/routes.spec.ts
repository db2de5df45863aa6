import { Controller, Get, Module, Post } from '@nestjs/common';
import { controllersOf, documentedRoutes, openApiPath, routesOf, routesOfModule } from './routes.js';
import { openApiDocument } from './openapi-document.js';

@Controller('things')
class ThingsController {
  @Get()
  list() {}

  @Get(':id')
  get() {}

  @Post(':id/archive')
  archive() {}

  helper() {}
}

@Controller()
class RootController {
  @Get()
  root() {}
}

@Module({ controllers: [RootController] })
class InnerModule {}

@Module({})
class DynamicHost {}

@Module({ imports: [InnerModule, { module: DynamicHost, controllers: [ThingsController] }] })
class AppModule {}

describe('routes from Nest metadata', () => {
  it('names each route as OpenAPI does', () => {
    expect(routesOf(ThingsController)).toEqual(['GET /things', 'GET /things/{id}', 'POST /things/{id}/archive']);
    expect(routesOf(RootController)).toEqual(['GET /']);
    expect(openApiPath('/', '/')).toBe('/');
    expect(openApiPath('customers', ':id/orders')).toBe('/customers/{id}/orders');
  });

  it('finds the controllers of imported and dynamic modules', () => {
    expect(controllersOf(AppModule)).toEqual(expect.arrayContaining([ThingsController, RootController]));
    expect(routesOfModule(AppModule)).toEqual(['GET /', 'GET /things', 'GET /things/{id}', 'POST /things/{id}/archive']);
  });

  it('so a route added without its path in the document shows up as missing', () => {
    const documented = new Set(documentedRoutes(openApiDocument('0')));
    expect(routesOfModule(AppModule).filter((route) => !documented.has(route))).toEqual(['GET /things', 'GET /things/{id}', 'POST /things/{id}/archive']);
  });
});
