import type { CliCommand } from '../../platform/cli/cli-command';
import { TokenResealer } from './tokens/token-resealer';

export const youtubeResealTokensCli: CliCommand = {
  name: 'youtube:reseal-tokens',
  description: 'Seal every stored YouTube token again with TOKEN_ENCRYPTION_KEY_ID (finishes a key rotation).',
  needsApp: true,
  async run({ app }) {
    const summary = await app!.get(TokenResealer).run();
    console.log(`Sealed again with the current key: ${summary.channels} channel(s), ${summary.uploads} upload session(s).`);
    if (summary.unreadable.length) {
      console.error(`No key in TOKEN_ENCRYPTION_KEYS opens these (left as they are): ${summary.unreadable.join(', ')}`);
      return 1;
    }
  },
};
