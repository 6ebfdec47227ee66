import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MinLength, ValidateBy, ValidationOptions } from 'class-validator';

/** bcrypt reads only the first 72 bytes: a longer password is refused, never silently cut. */
export const BCRYPT_MAX_BYTES = 72;

function MaxUtf8Bytes(max: number, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'maxUtf8Bytes',
      validator: {
        validate: (value) => typeof value === 'string' && Buffer.byteLength(value, 'utf8') <= max,
        defaultMessage: () => `$property must be at most ${max} bytes in UTF-8`,
      },
    },
    options,
  );
}

/** A new password: 8 characters to 72 bytes. */
export function NewPassword() {
  return applyDecorators(
    ApiProperty({ minLength: 8, description: 'At most 72 bytes in UTF-8 (bcrypt\'s limit).', example: 'correct horse battery staple' }),
    IsString(),
    MinLength(8),
    MaxUtf8Bytes(BCRYPT_MAX_BYTES),
  );
}
