import { Inject, Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';

@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.BCRYPT_ROUNDS);
  }

  /**
   * Compares against a throwaway hash when there is no account, so a login for an unknown email
   * takes as long as one for a known email and timing does not reveal which emails exist.
   */
  async verify(password: string, hash: string | null | undefined): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= bcrypt.hash('not-a-password', this.config.BCRYPT_ROUNDS);
      await bcrypt.compare(password, await this.dummyHash);
      return false;
    }
    return bcrypt.compare(password, hash);
  }
}
