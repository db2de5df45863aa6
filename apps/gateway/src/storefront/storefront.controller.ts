import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { HtmlPage } from '../pages/html.js';
import { GATEWAY_PAGES, type GatewayPages } from '../pages/gateway-pages.js';
import { storefrontPage } from './storefront-page.js';
import { Public } from '../auth/access.js';

/** Open to anyone: the API's description and the storefront's page carry no data of a customer. */
@Public()
@Controller()
export class StorefrontController {
  private readonly page: HtmlPage;

  constructor(@Inject(GATEWAY_PAGES) pages: GatewayPages) {
    this.page = storefrontPage(pages.jaegerUiUrl);
  }

  /** The storefront page (it calls /products and /orders from the browser). */
  @Get()
  storefront(@Res({ passthrough: true }) response: ServerResponse): string {
    for (const [name, value] of Object.entries(this.page.headers)) response.setHeader(name, value);
    return this.page.html;
  }
}
