import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { User } from './persistence/user.entity';
import { Session } from './persistence/session.entity';
import { RefreshToken } from './persistence/refresh-token.entity';
import { OneTimeToken } from './persistence/one-time-token.entity';
import { JwtStrategy } from './auth/jwt.strategy';
import { PasswordHasher } from './auth/password-hasher';
import { SessionIssuer } from './auth/session-issuer';
import { AccountCreator } from './commands/register-user/account-creator';
import { RegisterUserHandler } from './commands/register-user/register-user.handler';
import { LogInHandler } from './commands/log-in/log-in.handler';
import { RefreshSessionHandler } from './commands/refresh-session/refresh-session.handler';
import { LogOutHandler } from './commands/log-out/log-out.handler';
import { ChangePasswordHandler } from './commands/change-password/change-password.handler';
import { RequestPasswordResetHandler } from './commands/request-password-reset/request-password-reset.handler';
import { ResetPasswordHandler } from './commands/reset-password/reset-password.handler';
import { UpdateProfileHandler } from './commands/update-profile/update-profile.handler';
import { RevokeSessionHandler } from './commands/revoke-session/revoke-session.handler';
import { DeleteAccountHandler } from './commands/delete-account/delete-account.handler';
import { CreateAdminHandler } from './commands/create-admin/create-admin.handler';
import { SuspendUserHandler } from './commands/suspend-user/suspend-user.handler';
import { ReactivateUserHandler } from './commands/reactivate-user/reactivate-user.handler';
import { ChangeUserAccessHandler } from './commands/change-user-access/change-user-access.handler';
import { SearchUsersHandler } from './queries/search-users/search-users.handler';
import { GetAdminUserHandler } from './queries/get-admin-user/get-admin-user.handler';
import { UserStatsHandler } from './queries/user-stats/user-stats.handler';
import { GetUserHandler } from './queries/get-user/get-user.handler';
import { ListSessionsHandler } from './queries/list-sessions/list-sessions.handler';
import { IsSessionActiveHandler } from './queries/is-session-active/is-session-active.handler';
import { FindDeletedUsersHandler } from './queries/find-deleted-users/find-deleted-users.handler';
import { StartGoogleSignInHandler } from './commands/google-sign-in/start-google-sign-in.handler';
import { CompleteGoogleSignInHandler } from './commands/google-sign-in/complete-google-sign-in.handler';
import { ExchangeLoginCodeHandler } from './commands/exchange-login-code/exchange-login-code.handler';
import { GoogleOAuth } from './google/google-oauth.port';
import { GoogleapisOAuthAdapter } from './google/googleapis-oauth.adapter';
import { GoogleSignInStateStore } from './google/google-sign-in-state.store';
import { AuthController } from './http/auth.controller';
import { GoogleAuthController } from './http/google-auth.controller';
import { UsersController } from './http/users.controller';

const commandHandlers = [
  RegisterUserHandler,
  LogInHandler,
  RefreshSessionHandler,
  LogOutHandler,
  ChangePasswordHandler,
  RequestPasswordResetHandler,
  ResetPasswordHandler,
  UpdateProfileHandler,
  RevokeSessionHandler,
  DeleteAccountHandler,
  CreateAdminHandler,
  StartGoogleSignInHandler,
  CompleteGoogleSignInHandler,
  ExchangeLoginCodeHandler,
  SuspendUserHandler,
  ReactivateUserHandler,
  ChangeUserAccessHandler,
];
const queryHandlers = [
  GetUserHandler,
  ListSessionsHandler,
  IsSessionActiveHandler,
  SearchUsersHandler,
  GetAdminUserHandler,
  UserStatsHandler,
  FindDeletedUsersHandler,
];

@Module({
  imports: [
    MikroOrmModule.forFeature([User, Session, RefreshToken, OneTimeToken]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: config.JWT_ACCESS_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, GoogleAuthController, UsersController],
  providers: [
    JwtStrategy,
    PasswordHasher,
    SessionIssuer,
    AccountCreator,
    // One Google OAuth client setup (GOOGLE_* config) for sign-in now and YouTube later.
    { provide: GoogleOAuth, useClass: GoogleapisOAuthAdapter },
    GoogleSignInStateStore,
    ...commandHandlers,
    ...queryHandlers,
  ],
  exports: [GoogleOAuth],
})
export class UsersModule {}
