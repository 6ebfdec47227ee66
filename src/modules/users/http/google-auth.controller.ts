import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import { Public } from '../../../platform/auth/public.decorator';
import { ApiProblems } from '../../../platform/http/api-docs';
import { DomainError } from '../../../platform/http/domain-error';
import { problemRedirectParams, singleQueryValue } from '../../../platform/http/redirect-params';
import { AuthResult } from '../auth/auth-tokens';
import { ReqMeta, RequestMeta } from '../auth/request-meta';
import { CompleteGoogleSignInCommand } from '../commands/google-sign-in/complete-google-sign-in.command';
import { StartGoogleSignInCommand } from '../commands/google-sign-in/start-google-sign-in.command';
import { ExchangeLoginCodeCommand } from '../commands/exchange-login-code/exchange-login-code.command';
import { GOOGLE_STATE_TTL_SECONDS } from '../google/google-sign-in-state.store';
import { ExchangeLoginCodeDto, GoogleConsentUrlView } from './dto/google-sign-in.dto';

/** Holds the browser's half of the sign-in state; sent back only to these routes. */
export const GOOGLE_STATE_COOKIE = 'afs_google_signin';
/** `/api/v1` (the global prefix, see create-app.ts) + this controller's path. */
const COOKIE_PATH = '/api/v1/auth/google';

/**
 * Sign in with Google: consent URL -> Google -> callback -> redirect to the web app with a one-time
 * code -> exchange. The callback is a browser navigation, so it never answers a problem body
 * (except 503 when Google is not configured): every failure, a bad state included, is a 302 to
 * `APP_URL/auth/google/done?error=<problem code>[&reason=<Google's error>]`.
 */
@ApiTags('auth')
@UseGuards(ThrottlerGuard)
@ApiProblems(429, 503)
@Controller('auth/google')
export class GoogleAuthController {
  private readonly logger = new Logger(GoogleAuthController.name);

  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: "Start a Google sign-in: Google's consent URL, and the state cookie." })
  @ApiOkResponse({ type: GoogleConsentUrlView })
  async start(@Res({ passthrough: true }) reply: FastifyReply): Promise<GoogleConsentUrlView> {
    const { url, browserKey } = await this.commands.execute(new StartGoogleSignInCommand());
    reply.setCookie(GOOGLE_STATE_COOKIE, browserKey, {
      ...this.cookieOptions(),
      maxAge: GOOGLE_STATE_TTL_SECONDS,
    });
    reply.header('cache-control', 'no-store');
    return { url };
  }

  @Public()
  @Get('callback')
  @ApiOperation({ summary: 'Where Google sends the browser back; redirects to the web app.' })
  @ApiQuery({ name: 'code', required: false, description: "Google's authorization code." })
  @ApiQuery({ name: 'state', required: false, description: 'The state from the consent URL.' })
  @ApiQuery({ name: 'error', required: false, description: "Google's error, e.g. access_denied." })
  @ApiFoundResponse({
    description:
      'To `APP_URL/auth/google/done?code=<one-time code>` on success, or `?error=<problem code>` ' +
      '(e.g. AUTH.GOOGLE_STATE_INVALID, AUTH.GOOGLE_EMAIL_UNVERIFIED, USER.SUSPENDED, AUTH.GOOGLE_FAILED ' +
      "with `reason` = Google's error code).",
  })
  async callback(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    const query = (request.query ?? {}) as Record<string, unknown>;
    let params: Record<string, string>;
    try {
      const { loginCode } = await this.commands.execute(
        new CompleteGoogleSignInCommand(
          singleQueryValue(query.code),
          singleQueryValue(query.state),
          singleQueryValue(query.error),
          request.cookies?.[GOOGLE_STATE_COOKIE],
          meta,
        ),
      );
      params = { code: loginCode };
    } catch (error) {
      if (error instanceof DomainError && error.status === 503) throw error;
      params = problemRedirectParams(error);
      if (!(error instanceof DomainError)) {
        this.logger.error(
          { err: error, requestId: meta.requestId },
          'Google sign-in callback failed',
        );
      }
    }
    reply.clearCookie(GOOGLE_STATE_COOKIE, this.cookieOptions());
    reply.header('cache-control', 'no-store');
    // The login code is in the URL we redirect to: keep it out of the next page's Referer.
    reply.header('referrer-policy', 'no-referrer');
    await reply.redirect(this.appUrl(params), 302);
  }

  @Public()
  @Post('exchange')
  @HttpCode(200)
  @ApiOperation({ summary: 'Swap the one-time code from the sign-in redirect for a session.' })
  @ApiOkResponse({ type: AuthResult })
  @ApiProblems(400, 403)
  exchange(@Body() dto: ExchangeLoginCodeDto, @ReqMeta() meta: RequestMeta): Promise<AuthResult> {
    return this.commands.execute(new ExchangeLoginCodeCommand(dto.code, meta));
  }

  private cookieOptions() {
    const secure = (this.config.GOOGLE_SIGNIN_REDIRECT_URL ?? '').startsWith('https:');
    return { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure };
  }

  private appUrl(params: Record<string, string>): string {
    return `${this.config.APP_URL.replace(/\/+$/, '')}/auth/google/done?${new URLSearchParams(params)}`;
  }
}
