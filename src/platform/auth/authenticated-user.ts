import type { Role } from './roles.decorator';

/** What a guarded handler knows about its caller, taken from the access token and the user row. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  role: Role;
  tier: 'free' | 'pro' | 'enterprise';
  sessionId: string;
}
