/** Injection token of what the gateway's pages need (GatewayPages). */
export const GATEWAY_PAGES = Symbol('GATEWAY_PAGES');

export interface GatewayPages {
  /** Where the browser opens Jaeger's UI: trace links are `<jaegerUiUrl>/trace/<traceId>`. */
  jaegerUiUrl: string;
}
