import { SetMetadata } from '@nestjs/common';

export type Role = 'user' | 'admin';
export const ROLES = 'roles';

export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
