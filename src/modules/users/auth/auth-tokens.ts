import { ApiProperty } from '@nestjs/swagger';
import { UserView } from '../http/user.view';

export class AuthTokens {
  @ApiProperty({ description: 'Bearer token for the Authorization header.' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque; send it to /auth/refresh. Rotated on every use.' })
  refreshToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires.', example: 900 })
  expiresIn!: number;
}

export class AuthResult extends AuthTokens {
  @ApiProperty({ type: () => UserView })
  user!: UserView;
}
