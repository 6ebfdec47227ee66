import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../../../platform/auth/public.decorator';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { ApiProblems } from '../../../platform/http/api-docs';
import { AuthResult, AuthTokens } from '../auth/auth-tokens';
import { ReqMeta, RequestMeta } from '../auth/request-meta';
import { RegisterUserCommand } from '../commands/register-user/register-user.command';
import { LogInCommand } from '../commands/log-in/log-in.command';
import { RefreshSessionCommand } from '../commands/refresh-session/refresh-session.command';
import { LogOutCommand } from '../commands/log-out/log-out.command';
import { ChangePasswordCommand } from '../commands/change-password/change-password.command';
import { RequestPasswordResetCommand } from '../commands/request-password-reset/request-password-reset.command';
import { ResetPasswordCommand } from '../commands/reset-password/reset-password.command';
import { RegisterDto } from './dto/register.dto';
import { LoginDto } from './dto/login.dto';
import { RefreshDto } from './dto/refresh.dto';
import { ChangePasswordDto } from './dto/change-password.dto';
import { ForgotPasswordDto } from './dto/forgot-password.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';

@ApiTags('auth')
@UseGuards(ThrottlerGuard)
@ApiProblems(400, 429)
@Controller('auth')
export class AuthController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: AuthResult })
  @ApiProblems(409)
  register(@Body() dto: RegisterDto, @ReqMeta() meta: RequestMeta): Promise<AuthResult> {
    return this.commands.execute(new RegisterUserCommand(dto.email, dto.password, dto.firstName, dto.lastName, meta));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResult })
  @ApiProblems(401, 403)
  login(@Body() dto: LoginDto, @ReqMeta() meta: RequestMeta): Promise<AuthResult> {
    return this.commands.execute(new LogInCommand(dto.email, dto.password, meta));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthTokens, description: 'A new pair; the refresh token sent is now spent.' })
  @ApiProblems(401, 403)
  refresh(@Body() dto: RefreshDto): Promise<AuthTokens> {
    return this.commands.execute(new RefreshSessionCommand(dto.refreshToken));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is ended.' })
  @ApiProblems(401)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.commands.execute(new LogOutCommand(dto.refreshToken));
  }

  @ApiBearerAuth()
  @Post('password/change')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed; every other session is signed out.' })
  @ApiProblems(401, 403, 409)
  async changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentUser() user: AuthenticatedUser,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    await this.commands.execute(
      new ChangePasswordCommand(user.id, user.sessionId, dto.currentPassword, dto.newPassword, meta),
    );
  }

  @Public()
  @Post('password/forgot')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'The same answer whether or not the email has an account.' })
  async forgotPassword(@Body() dto: ForgotPasswordDto, @ReqMeta() meta: RequestMeta) {
    await this.commands.execute(new RequestPasswordResetCommand(dto.email, meta));
    return { message: 'If an account exists for this email, a reset link is on its way.' };
  }

  @Public()
  @Post('password/reset')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is set; every session is signed out.' })
  async resetPassword(@Body() dto: ResetPasswordDto, @ReqMeta() meta: RequestMeta): Promise<void> {
    await this.commands.execute(new ResetPasswordCommand(dto.token, dto.newPassword, meta));
  }
}
