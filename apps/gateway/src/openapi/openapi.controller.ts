import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { Controller, Get, Res } from '@nestjs/common';
import { type AsyncApiDocument, asyncApiDocument } from '@shop/event-contracts';
import type { HtmlPage } from '../pages/html.js';
import { docsPage } from './docs-page.js';
import { type OpenApiDocument, openApiDocument } from './openapi-document.js';
import { referencePage } from './reference-page.js';
import { Public } from '../auth/access.js';

/** The gateway's version, as its package.json says (src/openapi or dist/openapi → the app's folder). */
function gatewayVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Open to anyone: the API's description and its pages carry no data of a customer. */
@Public()
@Controller()
export class OpenApiController {
  private readonly document: OpenApiDocument = openApiDocument(gatewayVersion());
  /** The events' document, from the contracts library (its version is the library's). */
  private readonly asyncApi: AsyncApiDocument = asyncApiDocument();
  private readonly docsPage: HtmlPage = docsPage(this.document);
  private readonly referencePage: HtmlPage = referencePage(this.document, this.asyncApi);

  /** The OpenAPI 3.1 document of every route. */
  @Get('openapi.json')
  openApi(): OpenApiDocument {
    return this.document;
  }

  /** The AsyncAPI 3.0 document of the shop's events: what anyone may subscribe to on Kafka. */
  @Get('asyncapi.json')
  asyncApiJson(): AsyncApiDocument {
    return this.asyncApi;
  }

  /** The document to try: Swagger UI, authorizing with its security schemes. */
  @Get('docs')
  docs(@Res({ passthrough: true }) response: ServerResponse): string {
    return send(this.docsPage, response);
  }

  /** The same document as a page, readable without any script, with the event types by topic. */
  @Get('docs/reference')
  reference(@Res({ passthrough: true }) response: ServerResponse): string {
    return send(this.referencePage, response);
  }
}

/** A page's headers set on the response; its HTML is the body. */
function send(page: HtmlPage, response: ServerResponse): string {
  for (const [name, value] of Object.entries(page.headers)) response.setHeader(name, value);
  return page.html;
}
