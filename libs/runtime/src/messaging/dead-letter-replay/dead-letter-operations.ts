import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DEAD_LETTER_HEADERS, type DeadLetterReason } from '../consumer/dead-letter-headers.js';
import { KAFKA } from '../../kafka/kafka.token.js';
import type { RetentionConfig } from '../../config/retention-config.js';
import { RETENTION_CONFIG } from '../../config/retention-config.token.js';
import type { DeadLetterPosition } from './dead-letter-position.js';
import { type DeadLetterPage, listDeadLetters } from './list-dead-letters.js';
import { replayDeadLetters, type ReplayResult } from './replay-dead-letters.js';

export interface ReplayOptions {
  /** Count what a replay would do, publishing and committing nothing. */
  dryRun: boolean;
  /**
   * Replay only the dead letters failed for these reasons (say handler-failed,
   * once the bug is fixed); the others are skipped, and like every dead letter
   * a replay reads, never read again. Default: all.
   */
  reasons?: readonly DeadLetterReason[];
  /**
   * Replay even dead letters of events older than the inbox's deduplication
   * window (refused otherwise: PastDeduplicationWindowError, docs/adr/0005).
   */
  pastWindow?: boolean;
}

/** A replay of the same dead letters is running in this process already. */
export class ReplayInProgressError extends Error {}

/**
 * What an operator does with dead letters, on the service's own Kafka client:
 * list a consumer group's dead letters of a topic, page by page, and replay
 * them (replayDeadLetters, as the CLI does). Topics are taken as given: the
 * caller checks them.
 */
@Injectable()
export class DeadLetterOperations {
  private readonly logger = new Logger('DeadLetterReplay');
  /** `<topic> <group>` of the replays running now. */
  private readonly replaying = new Set<string>();

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(RETENTION_CONFIG) private readonly retention: Pick<RetentionConfig, 'SHOP_INBOX_WINDOW_S'>,
  ) {}

  list(topic: string, groupId: string, page: { limit: number; after?: DeadLetterPosition }): Promise<DeadLetterPage> {
    return listDeadLetters({ kafka: this.kafka, topic, groupId, ...page });
  }

  /**
   * Republishes the group's dead letters not replayed yet. Two replays of one
   * group at once would join one replay group and split its partitions; one at
   * a time per process is kept here (ReplayInProgressError), and
   * replayDeadLetters lets replays in two processes share the partitions.
   */
  async replay(topic: string, groupId: string, options: ReplayOptions): Promise<ReplayResult> {
    const key = `${topic} ${groupId}`;
    if (this.replaying.has(key)) throw new ReplayInProgressError(`a replay of ${groupId}'s dead letters of ${topic} is running already`);
    this.replaying.add(key);
    try {
      const { dryRun, reasons, pastWindow = false } = options;
      const filter = reasons && ((headers: Record<string, string>) => (reasons as readonly string[]).includes(headers[DEAD_LETTER_HEADERS.reason] ?? ''));
      const deduplicationWindow = { seconds: this.retention.SHOP_INBOX_WINDOW_S, proceedPastIt: pastWindow };
      return await replayDeadLetters({ kafka: this.kafka, topic, groupId, logger: this.logger, dryRun, deduplicationWindow, ...(filter && { filter }) });
    } finally {
      this.replaying.delete(key);
    }
  }
}
