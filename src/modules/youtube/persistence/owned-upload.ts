import type { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { isUuid } from '../../../platform/http/is-uuid';
import { YouTubeErrors } from '../errors';
import { YouTubeUpload } from './youtube-upload.entity';

/** The caller's upload; another user's is as unknown as a missing one (404). */
export async function findOwnedUpload(em: EntityManager, userId: string, uploadId: string, lockMode?: LockMode): Promise<YouTubeUpload> {
  const upload = isUuid(uploadId) ? await em.findOne(YouTubeUpload, { id: uploadId, userId }, lockMode ? { lockMode } : {}) : null;
  if (!upload) throw YouTubeErrors.uploadNotFound();
  return upload;
}
