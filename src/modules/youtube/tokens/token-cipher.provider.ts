import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';
import { TokenCipher } from './token-cipher';

/** Injection token of the TokenCipher; null when TOKEN_ENCRYPTION_KEYS is not set. */
export const TOKEN_CIPHER = Symbol('TOKEN_CIPHER');

/** A malformed keyring stops the process at start-up with one line, like any other bad variable. */
export const tokenCipherProvider: Provider = {
  provide: TOKEN_CIPHER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): TokenCipher | null =>
    config.TOKEN_ENCRYPTION_KEYS ? TokenCipher.fromConfig(config.TOKEN_ENCRYPTION_KEYS, config.TOKEN_ENCRYPTION_KEY_ID) : null,
};
