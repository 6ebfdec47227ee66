import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { NewPassword } from './password.validators';
import { trimmed } from './trim';

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com', maxLength: 254 })
  @Transform(trimmed)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @NewPassword()
  password!: string;

  @ApiProperty({ example: 'Ada', maxLength: 100 })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName!: string;

  @ApiProperty({ example: 'Lovelace', maxLength: 100 })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName!: string;
}
