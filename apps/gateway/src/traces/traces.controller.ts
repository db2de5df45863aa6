import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { Public, SignedIn } from '../auth/access.js';
import { DEVELOPMENT, gatewayConfig, type GatewaySettings } from '../config/gateway-config.js';
import { GATEWAY_PAGES, type GatewayPages } from '../pages/gateway-pages.js';
import type { HtmlPage } from '../pages/html.js';
import { Problems } from '../problem/problem.js';
import { JaegerQueryClient } from './jaeger-query.client.js';
import { checkedTraceId } from './trace-id.param.js';
import { traceViewPage } from './trace-view-page.js';
import type { TraceView } from './trace-view.schema.js';
import { traceViewOf } from './trace-view.js';

/**
 * A trace, read from Jaeger's query API by the gateway: as JSON shaped for the
 * view (`/traces/<id>/spans`) and as the page drawing it (`/traces/<id>`), so
 * a trace can be followed where Jaeger has no UI (the native run).
 */
@Controller('traces')
export class TracesController {
  private readonly page: HtmlPage;

  constructor(
    private readonly jaeger: JaegerQueryClient,
    @Inject(GATEWAY_PAGES) pages: GatewayPages,
    @Inject(gatewayConfig.token) settings: GatewaySettings,
  ) {
    this.page = traceViewPage({ jaegerUiUrl: pages.jaegerUiUrl, demoSignIn: settings.DEPLOYMENT_ENVIRONMENT === DEVELOPMENT });
  }

  /** The page: the same for every trace (its script reads the id from the path and fetches the spans as the signed-in caller). */
  @Public()
  @Get(':traceId')
  traceView(@Param('traceId') traceId: string, @Res({ passthrough: true }) response: ServerResponse): string {
    checkedTraceId(traceId);
    for (const [name, value] of Object.entries(this.page.headers)) response.setHeader(name, value);
    return this.page.html;
  }

  /**
   * Any signed-in caller, customer or operator, may read any trace: a trace id
   * is 128 random bits that the gateway hands only to whoever made the request
   * (X-Trace-Id, the 202's traceId), so knowing it works as the capability to
   * read it, as a link to Jaeger's UI does. Tying traces to customers would need
   * a store of who made which, which the stateless gateway does not keep; the
   * spans hold ids and operations, never an address or a credential.
   */
  @SignedIn()
  @Get(':traceId/spans')
  async spans(@Param('traceId') traceId: string): Promise<TraceView> {
    const trace = await this.jaeger.trace(checkedTraceId(traceId));
    if (trace === undefined) {
      throw Problems.notFound(`Jaeger has no trace ${traceId} (yet: the services export their spans every few seconds; try again shortly)`);
    }
    return traceViewOf(trace);
  }
}
