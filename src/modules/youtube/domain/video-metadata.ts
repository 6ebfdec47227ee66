import type { PrivacyStatus } from './upload-status';

/** What the user asked YouTube to show, checked against YouTube's limits before anything is sent. */
export interface VideoMetadata {
  title: string;
  description: string;
  tags: string[];
  categoryId: string;
  privacyStatus: PrivacyStatus;
  publishAt: string | null;
  playlistId: string | null;
  madeForKids: boolean;
  containsSyntheticMedia: boolean;
  /** BCP-47 language of the narration: the video's audio language and the caption track's. */
  language: string;
}

export const YOUTUBE_LIMITS = {
  titleChars: 100,
  descriptionBytes: 5000,
  /** All tags together; a tag with a space counts two more for the quotes YouTube adds. */
  tagsChars: 500,
} as const;

/** YouTube's "People & Blogs": its own default for uploads. */
export const DEFAULT_CATEGORY_ID = '22';

/**
 * The video categories YouTube lets an upload use (videoCategories.list, `assignable: true`; the
 * same in every region). The others (18 Short Movies, 21 Videoblogging, 30-44 for films and shows)
 * are refused with invalidCategoryId, but only after the upload has started.
 */
export const ASSIGNABLE_CATEGORY_IDS = ['1', '2', '10', '15', '17', '19', '20', '22', '23', '24', '25', '26', '27', '28', '29'] as const;

/** Field errors for YouTube's rules, empty when the metadata is acceptable. */
export function videoMetadataErrors(metadata: Pick<VideoMetadata, 'title' | 'description' | 'tags' | 'categoryId' | 'privacyStatus' | 'publishAt'>, now = new Date()): { field: string; messages: string[] }[] {
  const errors: { field: string; messages: string[] }[] = [];
  const add = (field: string, message: string) => errors.push({ field, messages: [message] });
  const title = metadata.title.trim();
  if (!title) add('title', 'must not be empty');
  else if ([...title].length > YOUTUBE_LIMITS.titleChars) add('title', `must be at most ${YOUTUBE_LIMITS.titleChars} characters`);
  if (/[<>]/.test(metadata.title)) add('title', 'must not contain < or > (YouTube refuses them)');
  if (Buffer.byteLength(metadata.description, 'utf8') > YOUTUBE_LIMITS.descriptionBytes) add('description', `must be at most ${YOUTUBE_LIMITS.descriptionBytes} bytes of UTF-8`);
  if (/[<>]/.test(metadata.description)) add('description', 'must not contain < or > (YouTube refuses them)');
  const tagsLength = metadata.tags.reduce((sum, tag) => sum + [...tag].length + (tag.includes(' ') ? 2 : 0), 0) + Math.max(0, metadata.tags.length - 1);
  if (tagsLength > YOUTUBE_LIMITS.tagsChars) add('tags', `must be at most ${YOUTUBE_LIMITS.tagsChars} characters together`);
  if (metadata.tags.some((tag) => /[<>,]/.test(tag) || !tag.trim())) add('tags', 'must be non-empty and contain no <, > or commas');
  if (!(ASSIGNABLE_CATEGORY_IDS as readonly string[]).includes(metadata.categoryId)) {
    add('categoryId', `must be one of the categories YouTube lets videos use: ${ASSIGNABLE_CATEGORY_IDS.join(', ')}`);
  }
  if (metadata.publishAt !== null) {
    if (metadata.privacyStatus !== 'private') add('publishAt', 'needs privacyStatus private: YouTube publishes a scheduled video by making it public at that time');
    else if (Date.parse(metadata.publishAt) <= now.getTime()) add('publishAt', 'must be in the future');
  }
  return errors;
}
