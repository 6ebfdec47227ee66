import type { JobType } from '@afs/contracts';
import type { AppConfig } from '../../../platform/config/config';

export function jobCost(config: AppConfig, type: JobType): number {
  const key = `JOB_COST_${type.toUpperCase()}` as keyof AppConfig;
  return config[key] as number;
}

export function concurrencyLimit(config: AppConfig, tier: 'free' | 'pro' | 'enterprise'): number {
  return { free: config.JOB_CONCURRENCY_FREE, pro: config.JOB_CONCURRENCY_PRO, enterprise: config.JOB_CONCURRENCY_ENTERPRISE }[tier];
}
