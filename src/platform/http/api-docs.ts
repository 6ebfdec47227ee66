import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class ProblemDoc {
  @ApiProperty({ example: 'https://ai-film-studio.dev/problems/VALIDATION.FAILED' }) type!: string;
  @ApiProperty({ example: 'The request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiPropertyOptional({ example: 'email: email must be an email' }) detail?: string;
  @ApiPropertyOptional({ example: '/api/v1/auth/register' }) instance?: string;
  @ApiPropertyOptional({ example: '5d0c1f3e-3f1a-4b8e-9d1c-0f6f0b6f7a11' }) requestId?: string;
  @ApiPropertyOptional({
    example: [{ field: 'email', messages: ['email must be an email'] }],
    description: 'Per-field messages of a validation problem.',
  })
  errors?: { field: string; messages: string[] }[];
}

/** Documents the problem+json answers a route can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDoc),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: 'application/problem+json (RFC 9457)',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDoc) } } },
      }),
    ),
  );
}

/** Documents a `{ items, nextCursor }` list of `model`. */
export function ApiPage(model: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          nextCursor: { type: 'string', nullable: true, description: 'Pass as ?cursor= for the next page.' },
        },
      },
    }),
  );
}
