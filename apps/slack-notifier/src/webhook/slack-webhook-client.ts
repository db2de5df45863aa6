import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import {
  type Breaker,
  BreakerRegistry,
  DependencyUnavailableError,
  isUnprocessableEvent,
  withSpan,
} from '@shop/runtime';
import { LOCAL_SLACK_SINK_WEBHOOK, type SlackNotifierConfig, slackNotifierConfig } from '../config/slack-notifier-config.js';
import type { SlackMessage } from '../messages/slack-message.js';
import { failureOfResponse } from './slack-response.js';

/** The breaker around the webhook; the consumer pauses while it is open. */
export const SLACK_BREAKER = 'slack-webhook';

const REQUEST_TIMEOUT_MS = 4_000;

/**
 * Posts to a Slack incoming webhook behind a breaker. A 429 makes every post
 * wait out its Retry-After without calling Slack. Failures come out sorted for
 * the consumer: UnprocessableEventError (Slack refuses this payload; does not
 * trip the breaker) or DependencyUnavailableError (the webhook is away; does),
 * besides the breaker's own refusals and timeouts, which the consumer reads alike.
 */
@Injectable()
export class SlackWebhookClient {
  private readonly logger = new Logger(SlackWebhookClient.name);
  private readonly webhook: URL;
  private readonly breaker: Breaker<[SlackMessage], void>;
  private quietUntil = 0;

  constructor(@Inject(slackNotifierConfig.token) config: SlackNotifierConfig, breakers: BreakerRegistry) {
    this.webhook = new URL(config.SLACK_WEBHOOK_URL ?? LOCAL_SLACK_SINK_WEBHOOK);
    if (!config.SLACK_WEBHOOK_URL) {
      this.logger.warn({ msg: 'SLACK_WEBHOOK_URL is not set: posting to the local Slack sink', webhook: this.webhook.origin });
    }
    this.breaker = breakers.create(SLACK_BREAKER, (message: SlackMessage) => this.deliver(message), {
      isFailure: (error) => !isUnprocessableEvent(error),
    });
  }

  async post(message: SlackMessage): Promise<void> {
    const quietMs = this.quietUntil - Date.now();
    if (quietMs > 0) throw new DependencyUnavailableError('waiting out Slack\'s Retry-After', { retryAfterMs: quietMs });
    await this.breaker.fire(message);
  }

  private deliver(message: SlackMessage): Promise<void> {
    // The webhook's path is its secret: the span names the host only.
    const attributes = { 'http.request.method': 'POST', 'server.address': this.webhook.hostname, 'url.scheme': this.webhook.protocol.slice(0, -1) };
    return withSpan('slack webhook post', { kind: SpanKind.CLIENT, attributes }, async (span) => {
      let response: WebhookResponse;
      try {
        response = await postJson(this.webhook, JSON.stringify(message), REQUEST_TIMEOUT_MS);
      } catch (error) {
        throw new DependencyUnavailableError(`the Slack webhook is unreachable: ${(error as Error).message}`, { cause: error });
      }
      span.setAttribute('http.response.status_code', response.status);
      const failure = failureOfResponse(response.status, response.body, response.retryAfter);
      if (failure instanceof DependencyUnavailableError && failure.retryAfterMs !== undefined) {
        this.quietUntil = Math.max(this.quietUntil, Date.now() + failure.retryAfterMs);
      }
      if (failure) throw failure;
    });
  }
}

interface WebhookResponse {
  status: number;
  body: string;
  retryAfter: string | null;
}

/**
 * One POST of a JSON body through Node's own HTTP client, not fetch: fetch's
 * client (undici) took ~10 MB more of this app's peak, and more the more it
 * posts (bench/reports/peak-memory-2026-12-05.md). The timeout covers the
 * answer's body too.
 */
function postJson(url: URL, body: string, timeoutMs: number): Promise<WebhookResponse> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const request = send(url, { method: 'POST', headers, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const retryAfter = response.headers['retry-after'];
        resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString('utf8'), retryAfter: retryAfter ?? null });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}
