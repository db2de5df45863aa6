import { Module } from '@nestjs/common';
import { DatabaseModule, RuntimeModule } from '@shop/runtime';
import { PrismaClient } from './generated/prisma/client.js';

@Module({
  imports: [RuntimeModule, DatabaseModule.forRoot(PrismaClient)],
})
export class SlackNotifierModule {}
