import type { Asset } from '../persistence/asset.entity';

const EXTENSIONS: Record<string, string> = {
  'video/mp4': '.mp4',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
  'text/vtt': '.vtt',
  'application/x-subrip': '.srt',
  'application/json': '.json',
  'audio/mpeg': '.mp3',
  'audio/wav': '.wav',
};

/**
 * The name a download is saved under: what it is and which job made it (`film-1a2b3c4d.mp4`,
 * `image-1a2b3c4d-scene-003.png` for the third scene's still), never the internal storage key. The
 * extension follows the key's, else the content type.
 */
export function assetFileName(
  asset: Pick<Asset, 'kind' | 'jobId' | 'storageKey' | 'contentType' | 'sceneIndex'>,
): string {
  const fromKey = /\.[A-Za-z0-9]{1,8}$/.exec(asset.storageKey)?.[0];
  const fromType = EXTENSIONS[asset.contentType.split(';')[0].trim().toLowerCase()];
  // Numbered from 1 and padded like the runner's own stills, so a folder of them sorts in film order.
  const scene = asset.sceneIndex == null ? '' : `-scene-${String(asset.sceneIndex + 1).padStart(3, '0')}`;
  return `${asset.kind.replace(/_/g, '-')}-${asset.jobId.slice(0, 8)}${scene}${fromKey ?? fromType ?? ''}`;
}
