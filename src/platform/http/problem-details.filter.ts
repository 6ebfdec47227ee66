import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { Problem, PROBLEM_CONTENT_TYPE, problemType } from './problem';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const CODES: Record<number, string> = {
  400: 'HTTP.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'HTTP.NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  409: 'HTTP.CONFLICT',
  413: 'HTTP.PAYLOAD_TOO_LARGE',
  415: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
  429: 'HTTP.TOO_MANY_REQUESTS',
  500: 'INTERNAL',
  503: 'HTTP.SERVICE_UNAVAILABLE',
};

/**
 * Turns every error that reaches a client into application/problem+json (RFC 9457): our domain
 * errors, Nest's HTTP exceptions, Fastify's own errors (bad JSON, body too large) and anything
 * unexpected, which becomes a bare 500 whose details stay in the log.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception);
    problem.instance = request.url.split('?')[0];
    problem.requestId = String(request.id);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'request failed');
    }
    if (reply.sent) return;
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      return {
        type: problemType(exception.code),
        title: exception.title,
        status: exception.status,
        detail: exception.message,
        ...exception.extensions,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : Array.isArray((body as { message?: unknown }).message)
            ? ((body as { message: string[] }).message).join('; ')
            : String((body as { message?: unknown }).message ?? exception.message);
      return {
        type: problemType(CODES[status] ?? `HTTP.${status}`),
        title: TITLES[status] ?? 'Error',
        status,
        detail,
      };
    }
    const fastifyStatus = fastifyClientErrorStatus(exception);
    if (fastifyStatus) {
      return {
        type: problemType(CODES[fastifyStatus] ?? `HTTP.${fastifyStatus}`),
        title: TITLES[fastifyStatus] ?? 'Bad request',
        status: fastifyStatus,
        detail: describeFastifyError(exception as Error & { code?: string }),
      };
    }
    return {
      type: problemType(CODES[500]),
      title: TITLES[500],
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'Something went wrong on our side. The request id identifies it in our logs.',
    };
  }
}

/** Fastify rejects bad bodies before Nest sees them; those errors carry a 4xx statusCode. */
function fastifyClientErrorStatus(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function describeFastifyError(error: Error & { code?: string }): string {
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return 'The body is not valid JSON.';
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'The request body is larger than allowed.';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return 'The body is empty but the content type says JSON.';
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'This content type is not accepted.';
  return error.message;
}
