import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthService } from './health.service.js';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Readiness: every dependency answers. 503 otherwise, with the failing ones named. */
  @Get()
  async readiness(@Res({ passthrough: true }) response: Response) {
    const report = await this.health.report();
    response.status(report.status === 'up' ? 200 : 503);
    return report;
  }

  /** Liveness: the process runs its event loop. */
  @Get('live')
  @HttpCode(200)
  liveness() {
    return { status: 'up' };
  }
}
