import type { ServerResponse } from 'node:http';
import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { Public } from '../auth/access.js';
import { noneMatchMatches } from '../http/entity-tags.js';
import { Problems } from '../problem/problem.js';
import { StaticAssets } from './static-assets.js';

/**
 * The pages' scripts (and the files they need), public like the pages.
 * `no-cache` with a strong ETag: a browser keeps them and revalidates, so a
 * new build is picked up at once and an unchanged file costs a 304.
 */
@Public()
@Controller('assets')
export class AssetsController {
  constructor(@Inject(StaticAssets) private readonly assets: StaticAssets) {}

  @Get(':name')
  asset(
    @Param('name') name: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: false }) response: ServerResponse,
  ): void {
    const asset = this.assets.get(name);
    if (asset === undefined) throw Problems.notFound(`no asset ${name}`);
    response.setHeader('ETag', asset.etag);
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (noneMatchMatches(ifNoneMatch, asset.etag)) {
      response.statusCode = 304;
      response.end();
      return;
    }
    response.statusCode = 200;
    response.setHeader('Content-Type', asset.contentType);
    response.setHeader('Content-Length', asset.body.length);
    response.end(asset.body);
  }
}
