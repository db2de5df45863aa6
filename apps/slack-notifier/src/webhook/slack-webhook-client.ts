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
      let response: Response;
      try {
        response = await fetch(this.webhook, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        throw new DependencyUnavailableError(`the Slack webhook is unreachable: ${(error as Error).message}`, { cause: error });
      }
      span.setAttribute('http.response.status_code', response.status);
      const failure = failureOfResponse(response.status, await response.text(), response.headers.get('retry-after'));
      if (failure instanceof DependencyUnavailableError && failure.retryAfterMs !== undefined) {
        this.quietUntil = Math.max(this.quietUntil, Date.now() + failure.retryAfterMs);
      }
      if (failure) throw failure;
    });
  }
}
