import { ASPECT_RATIOS, DEFAULT_RENDER_OPTIONS, RENDER_STYLES, SCRIPT_MAX_LENGTH } from './render-options';
import { validateRenderInput, validateRenderOptions, validateScript } from './validate-render-input';

describe('validateRenderOptions', () => {
  it('fills every default when no options are given', () => {
    expect(validateRenderOptions(undefined)).toEqual({ ok: true, value: { ...DEFAULT_RENDER_OPTIONS } });
  });

  it('keeps valid options and the optional target duration', () => {
    const result = validateRenderOptions({ style: 'noir', aspectRatio: '9:16', resolution: '1080p', fps: 24, targetDuration: 90, music: false });
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ style: 'noir', aspectRatio: '9:16', resolution: '1080p', fps: 24, targetDuration: 90, music: false }) });
  });

  it('rejects an unknown style, listing every allowed value', () => {
    const result = validateRenderOptions({ style: 'vaporwave' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].field).toBe('style');
    for (const style of RENDER_STYLES) expect(result.errors[0].message).toContain(style);
    expect(result.errors[0].message).toContain('"vaporwave"');
  });

  it('rejects an unknown aspect ratio and a wrong fps together', () => {
    const result = validateRenderOptions({ aspectRatio: '4:3', fps: 60 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field).sort()).toEqual(['aspectRatio', 'fps']);
    const aspect = result.errors.find((e) => e.field === 'aspectRatio')!;
    for (const ratio of ASPECT_RATIOS) expect(aspect.message).toContain(ratio);
  });

  it('rejects out-of-range numbers, bad language tags and unknown options', () => {
    const result = validateRenderOptions({ speakingRate: 9, musicLevel: -1, targetDuration: 1, language: 'english!', colour: 'red' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field).sort()).toEqual(['colour', 'language', 'musicLevel', 'speakingRate', 'targetDuration']);
  });
});

describe('validateScript', () => {
  it('refuses an empty script', () => {
    expect(validateScript('')[0].message).toBe('script is empty');
  });

  it('refuses whitespace only', () => {
    expect(validateScript(' \n\t  ')[0].message).toBe('script is empty');
  });

  it('refuses punctuation and symbols only', () => {
    expect(validateScript('... !!! — ??? *** 🎬')[0].message).toMatch(/no words to narrate/);
  });

  it('refuses a 200,000 character script, naming the limit', () => {
    const [error] = validateScript('word '.repeat(40_000));
    expect(error.message).toBe(`script is 200000 characters long; the limit is ${SCRIPT_MAX_LENGTH} characters`);
  });

  it('accepts Japanese, Arabic and emoji text', () => {
    expect(validateScript('夜の海。 البحر في الليل 🌊')).toEqual([]);
  });
});

describe('validateRenderInput', () => {
  it('collects script, title and option errors at once', () => {
    const result = validateRenderInput({ script: '', title: '  ', options: { style: 'x' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['script', 'title', 'style']);
  });
});
