import { ModerationWordList, moderationAfterWrite, parseWordList } from './moderation';

describe('moderation word list', () => {
  const list = new ModerationWordList(['Rape', 'bomb making', 'xxx']);

  it('matches whole words and phrases, case-insensitively, across whitespace', () => {
    expect(list.matches('A RAPE scene', 'The bomb\n making manual')).toEqual(['rape', 'bomb making']);
    expect(list.matches('grapes and drapery, xxxl shirts, bombmaking')).toEqual([]);
  });

  it('parses a file: one entry a line, comments and blanks ignored', () => {
    expect(parseWordList('# list\nfoo\n\n  bar baz  # phrase\r\n')).toEqual(['foo', 'bar baz']);
    expect(new ModerationWordList([]).matches('anything')).toEqual([]);
  });

  it('flagged text goes to review; clean text clears only an automatic hold', () => {
    expect(moderationAfterWrite('approved', ['xxx'])).toMatchObject({ moderationState: 'pending' });
    expect(moderationAfterWrite('pending', [])).toEqual({ moderationState: 'none', moderationReason: null });
    expect(moderationAfterWrite('rejected', [])).toBeUndefined();
    expect(moderationAfterWrite('approved', [])).toBeUndefined();
  });
});

describe('loading the list', () => {
  it('uses the built-in list when MODERATION_WORDS_FILE is unset', () => {
    const list = ModerationWordList.load(undefined);
    expect(list.matches('The Beheading', 'a film about grapes')).toEqual(['beheading']);
    expect(list.matches(SCRIPT_WITHOUT_LISTED_WORDS)).toEqual([]);
  });

  it('names the variable when the configured file cannot be read', () => {
    expect(() => ModerationWordList.load('/nonexistent/words.txt')).toThrow(/MODERATION_WORDS_FILE/);
  });
});

const SCRIPT_WITHOUT_LISTED_WORDS =
  'A lighthouse keeper climbs the stairs at dusk. The lamp flickers on, and ships find their way home. Grapes, drapes, therapist, Scunthorpe.';
