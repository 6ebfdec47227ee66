import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class DeleteAccountDto {
  @ApiPropertyOptional({ description: 'Required for accounts that have a password.' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  password?: string;
}
