import { Inject, Injectable, Logger } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { type Breaker, BREAKER_DEFAULTS, BreakerRegistry, isBreakerOpenError, withSpan } from '@shop/runtime';
import { gatewayConfig, type GatewaySettings } from '../config/gateway-config.js';
import { type ProblemException, Problems } from '../problem/problem.js';
import { RETRY_SOON_SECONDS } from '../problem/reply-error.problem.js';
import { type JaegerTrace, jaegerTracesAnswerSchema } from './jaeger-trace.js';

/** The breaker around Jaeger's query API (listed by /health with the others). */
export const JAEGER_QUERY_BREAKER = 'jaeger-query';

/** Jaeger answered, with its status and body: 200 with the trace, 404 without (not there, or not yet). */
interface JaegerAnswer {
  status: number;
  body: string;
}

/** Jaeger failed (5xx, another status than 200 or 404): counts against its breaker. */
class JaegerFailedError extends Error {}

/**
 * The gateway's way to Jaeger's query API: one trace by id, behind a breaker
 * and within GATEWAY_REQUEST_TIMEOUT_MS, so a Jaeger that hangs or is away
 * answers 503 fast instead of holding the request. It sends no header of the
 * caller's: Jaeger gets the trace id and nothing else (never a token or key).
 */
@Injectable()
export class JaegerQueryClient {
  private readonly logger = new Logger('JaegerQuery');
  private readonly queryUrl: string;
  private readonly timeoutMs: number;
  private readonly breaker: Breaker<[string], JaegerAnswer>;

  constructor(@Inject(gatewayConfig.token) settings: GatewaySettings, breakers: BreakerRegistry) {
    this.queryUrl = settings.JAEGER_QUERY_URL;
    this.timeoutMs = settings.GATEWAY_REQUEST_TIMEOUT_MS;
    this.breaker = breakers.create(JAEGER_QUERY_BREAKER, (traceId: string) => this.get(traceId), { timeout: this.timeoutMs });
  }

  /** The trace, or undefined when Jaeger has none of that id (yet: spans are exported in batches). */
  async trace(traceId: string): Promise<JaegerTrace | undefined> {
    let answer: JaegerAnswer;
    try {
      answer = await this.breaker.fire(traceId);
    } catch (error) {
      throw this.unavailable(error);
    }
    if (answer.status === 404) return undefined;
    let parsed: ReturnType<typeof jaegerTracesAnswerSchema.safeParse> | undefined;
    try {
      parsed = jaegerTracesAnswerSchema.safeParse(JSON.parse(answer.body));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      this.logger.error({ msg: 'unreadable answer from Jaeger', traceId, error: parsed?.error.message ?? 'not JSON' });
      throw Problems.badGateway('Jaeger answered something the gateway cannot read');
    }
    const trace = parsed.data.data?.find((candidate) => candidate.traceID === traceId);
    return trace && trace.spans.length > 0 ? trace : undefined;
  }

  private get(traceId: string): Promise<JaegerAnswer> {
    const url = new URL(`${this.queryUrl}/api/traces/${traceId}`);
    const attributes = { 'http.request.method': 'GET', 'server.address': url.hostname, 'server.port': Number(url.port || 80), 'url.path': url.pathname };
    return withSpan('jaeger trace query', { kind: SpanKind.CLIENT, attributes }, async (span) => {
      // Aborted at the breaker's timeout too, so a hung Jaeger holds no socket.
      const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
      span.setAttribute('http.response.status_code', response.status);
      const body = await response.text();
      if (response.status !== 200 && response.status !== 404) throw new JaegerFailedError(`Jaeger answered ${response.status}`);
      return { status: response.status, body };
    });
  }

  private unavailable(error: unknown): ProblemException {
    if (isBreakerOpenError(error)) {
      return Problems.unavailable('Jaeger failed repeatedly; the gateway stops asking it for a while', Math.ceil(BREAKER_DEFAULTS.resetTimeout / 1_000));
    }
    this.logger.warn({ msg: 'Jaeger did not answer', error: (error as Error).message });
    return Problems.unavailable(`Jaeger did not answer in time (${(error as Error).message})`, RETRY_SOON_SECONDS);
  }
}
