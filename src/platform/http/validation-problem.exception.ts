import { ValidationError } from 'class-validator';
import { DomainError } from './domain-error';
import { FieldError } from './problem';

/** Flattens class-validator's tree into `a.b.c`-named fields, one entry per field. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

export class ValidationProblem extends DomainError {
  constructor(readonly fieldErrors: FieldError[]) {
    super(
      'VALIDATION.FAILED',
      400,
      'The request is not valid',
      fieldErrors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join('. '),
      { errors: fieldErrors },
    );
  }
}
