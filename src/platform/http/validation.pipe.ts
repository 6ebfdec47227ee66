import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { mergeFieldErrors, unsafeInputErrors } from './unsafe-input';
import { toFieldErrors, ValidationProblem } from './validation-problem.exception';

/**
 * class-validator's pipe, plus rules for every body, query and path parameter that no DTO can be
 * trusted to remember: no NUL characters, no absurdly deep nesting. A body nested too deep is
 * refused before the recursive transform and validation ever see it.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const { errors: unsafe, tooDeep } = unsafeInputErrors(value, metadata.data ?? metadata.type);
    if (tooDeep) throw new ValidationProblem(unsafe);
    let result: unknown;
    try {
      result = await super.transform(value, metadata);
    } catch (error) {
      if (unsafe.length && error instanceof ValidationProblem) throw new ValidationProblem(mergeFieldErrors(error.fieldErrors, unsafe));
      throw error;
    }
    if (unsafe.length) throw new ValidationProblem(unsafe);
    return result;
  }
}

/** Unknown fields are refused, not silently dropped, so a typo in a client is found at once. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(toFieldErrors(errors)),
  });
}
