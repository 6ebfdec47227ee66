import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** Routes open to anonymous callers; every other route needs a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
