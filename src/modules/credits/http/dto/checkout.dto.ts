import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class CheckoutDto {
  @ApiProperty({ example: 'small', description: 'A pack id from GET /credits/packs' })
  @IsString()
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'packId must be a pack id from GET /credits/packs' })
  packId!: string;
}
