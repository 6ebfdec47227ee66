import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SCRIPT_MAX_LENGTH, TITLE_MAX_LENGTH } from '@afs/contracts';

export function TitleField() {
  return applyDecorators(
    ApiProperty({ example: 'The Lighthouse Keeper', maxLength: TITLE_MAX_LENGTH }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MinLength(1),
    MaxLength(TITLE_MAX_LENGTH),
  );
}

export function ScriptField() {
  return applyDecorators(
    ApiProperty({
      description: `Plain prose or a Fountain screenplay, at most ${SCRIPT_MAX_LENGTH} characters.`,
      example: 'EXT. CLIFFS - NIGHT\n\nA lighthouse sweeps its beam across a restless sea.',
      maxLength: SCRIPT_MAX_LENGTH,
    }),
    IsString(),
    MaxLength(SCRIPT_MAX_LENGTH, { message: `script must be at most ${SCRIPT_MAX_LENGTH} characters` }),
    // Any letter or digit of any writing system: whitespace or punctuation alone has nothing to say.
    Matches(/[\p{L}\p{N}]/u, { message: 'script must contain words to narrate' }),
  );
}
