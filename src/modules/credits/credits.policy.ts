import type { AppConfig } from '../../platform/config/config';
import type { CreditPolicy } from './domain/credit-account';

/** Injection token of the domain's policy (allowance per tier), built from configuration. */
export const CREDIT_POLICY = Symbol('CREDIT_POLICY');

export function creditPolicyOf(config: AppConfig): CreditPolicy {
  return {
    allowance: {
      free: config.CREDITS_ALLOWANCE_FREE,
      pro: config.CREDITS_ALLOWANCE_PRO,
      enterprise: config.CREDITS_ALLOWANCE_ENTERPRISE,
    },
  };
}
