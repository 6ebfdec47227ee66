import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../http/domain-error';
import { IS_PUBLIC } from './public.decorator';

/** Global: every route needs a bearer access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T | false, info: unknown): T {
    if (error instanceof DomainError) throw error;
    if (error || !user) {
      const reason = info instanceof Error ? describe(info) : 'A valid bearer access token is required.';
      throw new DomainError('AUTH.UNAUTHENTICATED', 401, 'Authentication required', reason);
    }
    return user;
  }
}

function describe(info: Error): string {
  if (info.name === 'TokenExpiredError') return 'The access token has expired; refresh it.';
  if (info.message === 'No auth token') return 'A valid bearer access token is required.';
  return 'The access token is not valid.';
}
