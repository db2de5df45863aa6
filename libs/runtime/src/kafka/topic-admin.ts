import kafkajs, { type Kafka } from 'kafkajs';

// kafkajs is CommonJS; Node's ESM loader does not see this export by name.
const { ConfigResourceTypes } = kafkajs;

/**
 * How long Kafka keeps what a topic holds (docs/adr/0001-event-log-kept-for-ever.md):
 * events and dead letters for ever, so a subscriber added a year from now
 * still reads the shop's whole history from its first event; requests and
 * replies an hour, as nobody waits for them longer than the gateway's timeout.
 */
export const TOPIC_RETENTION = {
  forever: { 'retention.ms': '-1', 'retention.bytes': '-1' },
  oneHour: { 'retention.ms': String(60 * 60_000), 'retention.bytes': '-1' },
} as const satisfies Record<string, Record<string, string>>;

export interface EnsuredTopics {
  created: string[];
  /** Existing topics whose retention was not as given, and now is. */
  reconfigured: string[];
}

/**
 * Creates the missing topics (the broker's auto-creation is off) with
 * `config`, and gives the existing ones that config where they differ (their
 * partition count is left as it is). Idempotent.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly string[],
  numPartitions: number,
  config: Record<string, string> = TOPIC_RETENTION.forever,
): Promise<EnsuredTopics> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    const configEntries = Object.entries(config).map(([name, value]) => ({ name, value }));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1, configEntries })),
      });
    }
    const present = topics.filter((topic) => existing.has(topic));
    const reconfigured: string[] = [];
    if (present.length > 0) {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: present.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: Object.keys(config) })),
      });
      for (const { resourceName, configEntries: current } of resources) {
        const differs = configEntries.some(({ name, value }) => current.find((entry) => entry.configName === name)?.configValue !== value);
        if (differs) reconfigured.push(resourceName);
      }
      if (reconfigured.length > 0) {
        await admin.alterConfigs({
          validateOnly: false,
          resources: reconfigured.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configEntries })),
        });
      }
    }
    return { created: missing, reconfigured };
  } finally {
    await admin.disconnect();
  }
}
