/** Upload videos; read the channel; captions and playlists need force-ssl. */
export const YOUTUBE_SCOPES = [
  'https://www.googleapis.com/auth/youtube.upload',
  'https://www.googleapis.com/auth/youtube.readonly',
  'https://www.googleapis.com/auth/youtube.force-ssl',
] as const;

/** The scopes a grant lacks (Google's granular consent lets a person untick some). */
export function missingScopes(granted: string[]): string[] {
  return YOUTUBE_SCOPES.filter((scope) => !granted.includes(scope));
}
