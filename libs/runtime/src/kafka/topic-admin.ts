import kafkajs, { type Admin, type Kafka } from 'kafkajs';

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

/** How many copies of each partition a topic keeps, and how many must have a write before acks=all answers. */
export interface TopicReplication {
  replicationFactor: number;
  /** The topic's `min.insync.replicas`. */
  minInsyncReplicas: number;
}

/**
 * The shop's rule (DESIGN.md, "Scaling out"): three replicas, or one per broker
 * on a smaller cluster; once there are three, a write needs two of them
 * (`min.insync.replicas` 2), so one broker may be down, or restarting, and
 * producers with acks=all carry on, while a write is never on one disk alone.
 * infra/kafka/kafka.sh gives a native cluster's internal topics the same.
 */
export function topicReplication(brokers: number): TopicReplication {
  const replicationFactor = Math.max(1, Math.min(3, Math.floor(brokers)));
  return { replicationFactor, minInsyncReplicas: replicationFactor >= 3 ? 2 : 1 };
}

/**
 * The replication for a topic created now: by the brokers the cluster lists,
 * or `atLeastBrokers` if more (the addresses a client was given: a broker of
 * the native cluster that is down is not listed, and a topic created then must
 * still want three replicas, and fail until it can have them, rather than have two).
 */
export async function clusterReplication(kafka: Kafka, atLeastBrokers = 1): Promise<TopicReplication> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return topicReplication(Math.max(atLeastBrokers, await listedBrokers(admin)));
  } finally {
    await admin.disconnect();
  }
}

const listedBrokers = async (admin: Admin) => (await admin.describeCluster()).brokers.length;

/** The topic config `replication` adds to a topic's own: `min.insync.replicas` once it is above Kafka's default of 1. */
export function replicatedTopicConfig(config: Record<string, string>, replication: TopicReplication): Record<string, string> {
  return replication.minInsyncReplicas > 1 ? { ...config, 'min.insync.replicas': String(replication.minInsyncReplicas) } : config;
}

export interface EnsuredTopics {
  created: string[];
  /** Existing topics whose config (retention, min.insync.replicas) was not as given, and now is. */
  reconfigured: string[];
  /** What the created topics got. */
  replication: TopicReplication;
}

/**
 * Creates the missing topics (the broker's auto-creation is off) with
 * `config` and `replication` (by default `topicReplication` of the brokers
 * the cluster lists), and gives the existing ones that config where they
 * differ (their partition count and replicas are left as they are). Idempotent.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly string[],
  numPartitions: number,
  config: Record<string, string> = TOPIC_RETENTION.forever,
  replication?: TopicReplication,
): Promise<EnsuredTopics> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    replication ??= topicReplication(await listedBrokers(admin));
    const { replicationFactor } = replication;
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    const topicConfig = replicatedTopicConfig(config, replication);
    const configEntries = Object.entries(topicConfig).map(([name, value]) => ({ name, value }));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor, configEntries })),
      });
    }
    const present = topics.filter((topic) => existing.has(topic));
    const reconfigured: string[] = [];
    if (present.length > 0) {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: present.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: Object.keys(topicConfig) })),
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
    return { created: missing, reconfigured, replication };
  } finally {
    await admin.disconnect();
  }
}
