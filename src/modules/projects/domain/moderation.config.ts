import { z } from 'zod';
import { optionalString } from '../../../platform/config/env-parsers';

export const moderationEnv = z.object({
  /**
   * A text file of words and phrases, one per line (`#` starts a comment), that send a project to
   * moderation. Relative paths are read from the working directory. Unset: the built-in list.
   */
  MODERATION_WORDS_FILE: optionalString(z.string()),
});
