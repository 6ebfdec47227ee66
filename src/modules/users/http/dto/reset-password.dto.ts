import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { NewPassword } from './password.validators';

export class ResetPasswordDto {
  @ApiProperty({ description: 'The token from the reset mail.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;

  @NewPassword()
  newPassword!: string;
}
