import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import { Public } from '../../../platform/auth/public.decorator';
import { ApiProblems } from '../../../platform/http/api-docs';
import { DomainError } from '../../../platform/http/domain-error';
import { contentDisposition } from '@afs/storage';
import { AssetContent } from '../content/asset-content';
import { assetFileName } from '../domain/asset-file-name';
import { AssetLinkSigner } from '../links/asset-link-signer';
import { GetAssetLinkQuery } from '../queries/get-asset-link/get-asset-link.query';
import { GetAssetQuery } from '../queries/get-asset/get-asset.query';
import { AssetLinkView, AssetView } from './asset.view';
import { parseRange } from './byte-range';

@ApiTags('assets')
@Controller('assets')
export class AssetsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly content: AssetContent,
    private readonly signer: AssetLinkSigner,
  ) {}

  @Get(':id')
  @ApiBearerAuth()
  @ApiOkResponse({ type: AssetView })
  @ApiProblems(401, 404)
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<AssetView> {
    return this.queries.execute(new GetAssetQuery(user.id, id));
  }

  @Get(':id/download')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Redirects (302) to a short-lived link: presigned S3 URL, or a signed link on this API',
  })
  @ApiResponse({ status: 302, description: 'Location: the link' })
  @ApiProblems(401, 404)
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const link = await this.queries.execute(new GetAssetLinkQuery(user.id, id));
    // The link expires: never let a cache hand it out later.
    await reply.code(302).header('location', link.url).header('cache-control', 'no-store').send();
  }

  /** The same link as JSON, for browsers: fetch() cannot read the Location of a redirect. */
  @Get(':id/link')
  @ApiBearerAuth()
  @ApiOkResponse({ type: AssetLinkView })
  @ApiProblems(401, 404)
  async link(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssetLinkView> {
    reply.header('cache-control', 'no-store');
    return this.queries.execute(new GetAssetLinkQuery(user.id, id));
  }

  /**
   * The bytes, behind a signed, expiring link instead of a bearer token (a <video> tag sends
   * none). Supports single byte ranges, so players can seek and downloads can resume.
   */
  @Public()
  @Get(':id/content')
  @ApiOperation({
    summary: 'The file (local storage), from a link /download redirected to; supports Range',
  })
  @ApiProduces('application/octet-stream')
  @ApiResponse({ status: 200, description: 'The whole file' })
  @ApiResponse({ status: 206, description: 'The requested byte range' })
  @ApiProblems(403, 404, 410, 416)
  async serve(
    @Param('id') id: string,
    @Query('expires') expires: unknown,
    @Query('signature') signature: unknown,
    @Headers('range') range: string | undefined,
    @Headers('if-range') ifRange: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.signer.verify(id, expires, signature);
    const asset = await this.content.find(id);
    const etag = `"${asset.checksum}"`;
    const secondsLeft = Math.max(Number(expires) - Math.floor(Date.now() / 1000), 0);
    reply
      .header('etag', etag)
      .header('last-modified', asset.createdAt.toUTCString())
      .header('accept-ranges', 'bytes')
      // The link stops working at `expires`; a cache must not outlive it.
      .header('cache-control', `private, max-age=${secondsLeft}`)
      .header('x-content-type-options', 'nosniff');

    if (
      ifNoneMatch &&
      (ifNoneMatch.trim() === '*' ||
        ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
    ) {
      await reply.code(304).send();
      return;
    }
    // If-Range: the range holds only for the version the client has; otherwise send it all anew.
    const wanted =
      ifRange === undefined || ifRange.trim() === etag
        ? parseRange(range, asset.size)
        : { type: 'full' as const };
    if (wanted.type === 'unsatisfiable') {
      reply.header('content-range', `bytes */${asset.size}`);
      throw new DomainError(
        'ASSET.RANGE_NOT_SATISFIABLE',
        416,
        'Range not satisfiable',
        `The file has ${asset.size} bytes.`,
      );
    }
    const body = await this.content.open(asset, wanted.type === 'partial' ? wanted : undefined);
    reply
      .header('content-type', asset.contentType)
      .header('content-disposition', contentDisposition(assetFileName(asset)));
    if (wanted.type === 'partial') {
      reply
        .code(206)
        .header('content-range', `bytes ${wanted.start}-${wanted.end}/${asset.size}`)
        .header('content-length', wanted.end - wanted.start + 1);
    } else {
      reply.code(200).header('content-length', asset.size);
    }
    await reply.send(body);
  }
}
