import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { safeParseWith } from '@shop/event-contracts';
import type { z } from 'zod';
import { gatewayConfig, type GatewaySettings } from '../config/gateway-config.js';
import { parsedOrThrow } from '../validation/parsed-or-throw.js';
import { Public } from './access.js';
import { Authenticator } from './caller.js';
import { signInBodySchema, type tokenResponseSchema } from './sign-in.schema.js';

/**
 * The demo sign-in, registered only in development (see ApiModule): a token
 * for any customer id, no password, so the storefront and a curl session work
 * in one step. A real deployment has its identity provider issue the tokens.
 */
@Controller('auth')
export class SignInController {
  constructor(
    private readonly authenticator: Authenticator,
    @Inject(gatewayConfig.token) private readonly settings: GatewaySettings,
  ) {}

  @Post('token')
  @HttpCode(200)
  @Public()
  async signIn(@Body() body: unknown): Promise<z.infer<typeof tokenResponseSchema>> {
    const { customerId } = parsedOrThrow(safeParseWith(signInBodySchema, body));
    const ttl = this.settings.AUTH_DEMO_TOKEN_TTL_S;
    return { access_token: await this.authenticator.tokens.issue(customerId, ttl), token_type: 'Bearer', expires_in: ttl, customerId };
  }
}
