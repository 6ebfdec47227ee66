import { videoMetadataErrors } from './video-metadata';

type Input = Parameters<typeof videoMetadataErrors>[0];
const ok: Input = { title: 'A lighthouse', description: 'Made with AI Film Studio.', tags: ['short film', 'ai'], categoryId: '1', privacyStatus: 'unlisted', publishAt: null };
const fields = (input: Partial<Input>) => videoMetadataErrors({ ...ok, ...input }).map((e) => `${e.field}: ${e.messages[0]}`);

describe('videoMetadataErrors', () => {
  it('accepts metadata within YouTube limits, counting characters not bytes for the title', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ title: '灯'.repeat(100) })).toEqual([]);
    expect(fields({ description: 'é'.repeat(2500) })).toEqual([]);
  });

  it('refuses titles over 100 characters, blank titles and angle brackets', () => {
    expect(fields({ title: 'x'.repeat(101) })).toEqual(['title: must be at most 100 characters']);
    expect(fields({ title: '   ' })).toEqual(['title: must not be empty']);
    expect(fields({ title: 'a <b> c', description: 'x > y' })).toEqual([
      'title: must not contain < or > (YouTube refuses them)',
      'description: must not contain < or > (YouTube refuses them)',
    ]);
  });

  it('measures the description in UTF-8 bytes', () => {
    expect(fields({ description: 'é'.repeat(2501) })).toEqual(['description: must be at most 5000 bytes of UTF-8']);
  });

  it('counts tags together, with quotes for tags that hold a space', () => {
    expect(fields({ tags: Array.from({ length: 50 }, () => 'abcdefghi') })).toEqual([]); // 50*9 + 49 = 499
    expect(fields({ tags: Array.from({ length: 50 }, () => 'abcd fghi') })).toEqual(['tags: must be at most 500 characters together']);
  });

  it('takes only the categories YouTube lets uploads use', () => {
    expect(fields({ categoryId: '22' })).toEqual([]);
    expect(fields({ categoryId: '18' })[0]).toMatch(/^categoryId: must be one of the categories YouTube lets videos use: 1, 2, 10,/);
    expect(fields({ categoryId: '999' })).toHaveLength(1);
  });

  it('allows publishAt only on private videos and only in the future', () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect(fields({ publishAt: later, privacyStatus: 'private' })).toEqual([]);
    expect(fields({ publishAt: later, privacyStatus: 'public' })[0]).toMatch(/^publishAt: needs privacyStatus private/);
    expect(fields({ publishAt: '2020-01-01T00:00:00Z', privacyStatus: 'private' })).toEqual(['publishAt: must be in the future']);
  });
});
