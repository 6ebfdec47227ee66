import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class GoogleConsentUrlView {
  @ApiProperty({
    description:
      "Google's consent page. Send the browser there; the same response set the httpOnly state cookie, " +
      'so call this endpoint with credentials from the browser that will come back to the callback.',
    example: 'https://accounts.google.com/o/oauth2/v2/auth?client_id=...&state=...',
  })
  url!: string;
}

export class ExchangeLoginCodeDto {
  @ApiProperty({
    description:
      'The `code` from `APP_URL/auth/google/done?code=...`: single use, valid for about a minute.',
    example: 'q3V9yqv2Q1mA6bT0Jr8fQ6o1nZy3k5Hc2w9eL0tS4xU',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  code!: string;
}
