import { ValidationPipe } from '@nestjs/common';
import { toFieldErrors, ValidationProblem } from './validation-problem.exception';

/** Unknown fields are refused, not silently dropped, so a typo in a client is found at once. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(toFieldErrors(errors)),
  });
}
