import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { trimmed } from './trim';

export class ForgotPasswordDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(trimmed)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;
}
