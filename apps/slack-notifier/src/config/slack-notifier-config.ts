import { defineAppConfig } from '@shop/runtime';
import { z } from 'zod';

/** Where messages go when no webhook is configured: the Slack sink that `./shop infra start` runs (infra/slack-sink). */
export const LOCAL_SLACK_SINK_WEBHOOK = 'http://127.0.0.1:3090/services/T0LOCAL/B0LOCAL/local-sink';

/** Slack-notifier's own settings, validated at start-up with the service's (see main.ts). */
export const slackNotifierConfig = defineAppConfig(
  z.object({
    /** A Slack incoming webhook (https://hooks.slack.com/services/...). Unset: the local sink, said at start-up. */
    SLACK_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  }),
);

export type SlackNotifierConfig = z.infer<typeof slackNotifierConfig.schema>;
