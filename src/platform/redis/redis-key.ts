import { AppConfig } from '../config/config';

/** Every key and channel this deployment uses in the shared Redis. */
export function redisKey(config: Pick<AppConfig, 'REDIS_PREFIX'>, ...parts: string[]): string {
  return [config.REDIS_PREFIX, ...parts].join(':');
}
