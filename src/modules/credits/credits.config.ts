import { z } from 'zod';
import { booleanFlag, integer, optionalString } from '../../platform/config/env-parsers';

const pack = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'pack id: lower-case letters, digits, - and _'),
  credits: z.number().int().min(1),
  /** Price in the currency's minor unit (cents). */
  unitAmount: z.number().int().min(1),
  currency: z.string().regex(/^[a-z]{3}$/, 'currency: ISO 4217 code in lower case'),
  name: z.string().min(1).max(100).optional(),
});
export type CreditPack = z.infer<typeof pack>;

export const DEFAULT_PACKS: CreditPack[] = [
  { id: 'small', credits: 10, unitAmount: 500, currency: 'usd' },
  { id: 'medium', credits: 50, unitAmount: 2000, currency: 'usd' },
  { id: 'large', credits: 200, unitAmount: 7000, currency: 'usd' },
];

/** The credits module's variables, merged into the app's schema in platform/config/config.ts. */
export const creditsEnv = z.object({
  /** Stripe secret key (sk_... or rk_...). Without it, checkout and the webhook answer 503. */
  STRIPE_SECRET_KEY: optionalString(z.string().regex(/^(sk|rk)_\w+$/, 'must be a Stripe secret key (sk_... or rk_...)')),
  /** Signing secret of the webhook endpoint (whsec_...). */
  STRIPE_WEBHOOK_SECRET: optionalString(z.string().min(8, 'must be the endpoint signing secret (whsec_...)')),
  /** Sends the SDK's API calls elsewhere (a proxy, a test server), e.g. http://127.0.0.1:12111. */
  STRIPE_API_URL: optionalString(z.string().url().regex(/^https?:\/\//, 'must be an http(s):// URL')),
  /** JSON array of {id, credits, unitAmount, currency, name?}; defaults small 10, medium 50, large 200. */
  CREDITS_PACKS: optionalString(z.string())
    .transform((raw, ctx): CreditPack[] => {
      if (raw === undefined) return DEFAULT_PACKS;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON array of packs' });
        return z.NEVER;
      }
      const parsed = z.array(pack).min(1).safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${issue.path.join('.')}: ${issue.message}` });
        return z.NEVER;
      }
      if (new Set(parsed.data.map((p) => p.id)).size !== parsed.data.length) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'pack ids must be unique' });
        return z.NEVER;
      }
      return parsed.data;
    }),
  /** Where Stripe sends the buyer back; default APP_URL + /credits?checkout=success|cancelled. */
  CREDITS_CHECKOUT_SUCCESS_URL: optionalString(z.string().url()),
  CREDITS_CHECKOUT_CANCEL_URL: optionalString(z.string().url()),
  CREDITS_ALLOWANCE_FREE: integer({ min: 0 }).default(3),
  CREDITS_ALLOWANCE_PRO: integer({ min: 0 }).default(30),
  CREDITS_ALLOWANCE_ENTERPRISE: integer({ min: 0 }).default(999_999),
  /** Runs the monthly reset on a schedule (every 10 minutes; it only touches accounts whose period ended). */
  CREDITS_RESET_SCHEDULE_ENABLED: booleanFlag(true),
  CREDITS_RESET_BATCH_SIZE: integer({ min: 1, max: 10_000 }).default(200),
});

export type CreditsConfig = z.infer<typeof creditsEnv>;
