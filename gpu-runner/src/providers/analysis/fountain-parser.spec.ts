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

  it('drops emphasis marks but keeps the ones a backslash makes literal', () => {
    const script = 'INT. CLASSROOM - DAY\n\nThe board reads *five* \\* **three** = 15, and _\\_underlined\\__ is a word.\n';
    expect(parseFountain(script).scenes[0].lines).toEqual([{ text: 'The board reads five * three = 15, and _underlined_ is a word.' }]);
  });
});
