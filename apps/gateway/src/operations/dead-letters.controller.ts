import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { deadLetterTopic, safeParseWith } from '@shop/event-contracts';
import { DeadLetterOperations, parseDeadLetterPosition } from '@shop/runtime';
import type { z } from 'zod';
import { OperatorOnly } from '../auth/access.js';
import { parseAll } from '../validation/parse-all.js';
import { parsedOrThrow } from '../validation/parsed-or-throw.js';
import {
  consumerGroupSchema,
  type deadLetterPageSchema,
  eventTopicSchema,
  pageAfterSchema,
  pageLimitSchema,
  replayBodySchema,
  type replayResultSchema,
} from './dead-letter.schemas.js';
import { deadLetterProblem } from './dead-letter.problem.js';
import { OPERATED_TOPICS, type OperatedTopics } from './operated-topics.js';

/**
 * A consumer group's dead letters of a topic, for operators: read them a page
 * at a time, replay them once their cause is fixed (what the CLI
 * replay-dead-letters does, on the gateway's own Kafka client).
 */
@Controller('operations/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLetterOperations,
    @Inject(OPERATED_TOPICS) private readonly topics: OperatedTopics,
  ) {}

  @Get(':topic/:group')
  @OperatorOnly()
  async list(
    @Param('topic') topic: string,
    @Param('group') group: string,
    @Query('limit') limit: unknown,
    @Query('after') after: unknown,
  ): Promise<z.input<typeof deadLetterPageSchema>> {
    const input = parsedOrThrow(
      parseAll({
        ...this.target(topic, group),
        limit: { result: safeParseWith(pageLimitSchema, limit), as: 'limit' },
        after: { result: safeParseWith(pageAfterSchema.optional(), after), as: 'after' },
      }),
    );
    const page = await this.operate(input, () =>
      this.deadLetters.list(this.topics.get(input.topic)!, input.group, {
        limit: input.limit,
        ...(input.after !== undefined && { after: parseDeadLetterPosition(input.after)! }),
      }),
    );
    const { topic: _read, groupId: _group, ...rest } = page;
    return { topic: input.topic, group: input.group, ...rest };
  }

  /** 200: the replay has republished what it says when it answers (replayDeadLetters publishes, then commits). */
  @Post(':topic/:group/replay')
  @HttpCode(200)
  @OperatorOnly()
  async replay(@Param('topic') topic: string, @Param('group') group: string, @Body() body: unknown): Promise<z.input<typeof replayResultSchema>> {
    const input = parsedOrThrow(parseAll({ ...this.target(topic, group), body: { result: safeParseWith(replayBodySchema, body) } }));
    const { dryRun = false, reasons, pastWindow = false } = input.body;
    const result = await this.operate(input, () =>
      this.deadLetters.replay(this.topics.get(input.topic)!, input.group, { dryRun, pastWindow, ...(reasons && { reasons }) }),
    );
    return { topic: input.topic, group: input.group, deadLetterTopic: deadLetterTopic(this.topics.get(input.topic)!, input.group), dryRun, ...result };
  }

  /** The path's topic and group, validated (a topic of the contracts, a group's name). */
  private target(topic: string, group: string) {
    return {
      topic: { result: safeParseWith(eventTopicSchema, topic), as: 'topic' },
      group: { result: safeParseWith(consumerGroupSchema, group), as: 'group' },
    };
  }

  private async operate<Result>(input: { topic: string; group: string }, operation: () => Promise<Result>): Promise<Result> {
    try {
      return await operation();
    } catch (error) {
      throw deadLetterProblem(error, input.group, input.topic);
    }
  }
}
