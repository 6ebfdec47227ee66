import { looksLikeFountain, parseFountain } from './fountain-parser';

describe('parseFountain edge cases', () => {
  it('reads the title page of a file saved with a UTF-8 byte order mark', () => {
    // Windows editors (Notepad, some screenwriting apps) start UTF-8 files with U+FEFF.
    const script = '\uFEFFTitle: Night Shift\nAuthor: Someone\n\nINT. DINER - NIGHT\n\nRain streaks the window.\n';
    expect(looksLikeFountain(script)).toBe(true);
    const doc = parseFountain(script);
    expect(doc.title).toBe('Night Shift');
    expect(doc.scenes).toEqual([{ heading: 'INT. DINER - NIGHT', lines: [{ text: 'Rain streaks the window.' }] }]);
  });
});
