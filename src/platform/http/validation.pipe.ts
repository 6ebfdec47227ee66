import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { mergeFieldErrors, nulCharacterErrors } from './nul-characters';
import { toFieldErrors, ValidationProblem } from './validation-problem.exception';

/**
 * class-validator's pipe, plus one rule for every body, query and path parameter: no NUL
 * characters, which no DTO can be trusted to remember.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const nul = metadata.type === 'custom' ? [] : nulCharacterErrors(value, metadata.data ?? metadata.type);
    let result: unknown;
    try {
      result = await super.transform(value, metadata);
    } catch (error) {
      if (nul.length && error instanceof ValidationProblem) throw new ValidationProblem(mergeFieldErrors(error.fieldErrors, nul));
      throw error;
    }
    if (nul.length) throw new ValidationProblem(nul);
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
