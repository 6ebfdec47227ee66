import { Resvg } from '@resvg/resvg-js';
import { buildStoryboardSvg, escapeXml } from './storyboard-svg';
import { buildTitleCardSvg } from './title-card-svg';

// Scripts pasted from terminals, PDFs or word processors carry C0 control characters (BEL, ESC,
// backspace, vertical tab) that XML 1.0 cannot hold even as character references.
const CONTROL = 'The bell rang\x07 twice.\x1B[0m Then\x08 silence\x01 fell\x0B over\x0C the town\x7F.';

describe('SVG text escaping', () => {
  it('keeps markup characters as text and drops characters XML cannot hold', () => {
    expect(escapeXml(`<b> & "it's"`)).toBe('&lt;b&gt; &amp; &quot;it&apos;s&quot;');
    expect(escapeXml(CONTROL)).toBe('The bell rang twice.[0m Then silence fell over the town\x7F.');
    expect(escapeXml('tab\there, line\nbreak, \uFFFE\uFFFF end')).toBe('tab\there, line\nbreak,  end');
  });

  it('draws a storyboard still and a title card whose text holds control characters', () => {
    const still = buildStoryboardSvg({
      index: 0,
      heading: CONTROL,
      visual: CONTROL,
      narration: CONTROL,
      mood: 'calm',
      keywords: ['bell'],
      style: 'cinematic',
      language: 'en',
      width: 854,
      height: 480,
    });
    expect(() => new Resvg(still).render()).not.toThrow();
    const card = buildTitleCardSvg({ title: `Bell\x07 Town`, subtitle: CONTROL, style: 'noir', language: 'en', width: 1280, height: 720 });
    expect(() => new Resvg(card).render()).not.toThrow();
  });
});
