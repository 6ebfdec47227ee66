import { buildTitleCardSvg } from './title-card-svg';

const tspans = (svg: string) => [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);

describe('buildTitleCardSvg', () => {
  it('shows a short title whole', () => {
    const card = buildTitleCardSvg({ title: 'Harbour Day', subtitle: 'A film', style: 'noir', language: 'en', width: 1280, height: 720 });
    expect(tspans(card)).toEqual(['Harbour Day']);
  });

  it('cuts a title too long for three lines with an ellipsis, so it does not read as complete', () => {
    const title = 'An extremely long title that goes on and on about the harbour, the lighthouse, the keeper, the ships, the storm and the long night before the dawn finally comes';
    const lines = tspans(buildTitleCardSvg({ title, subtitle: 'A film', style: 'noir', language: 'en', width: 1280, height: 720 }));
    expect(lines).toHaveLength(3);
    expect(lines[2].endsWith('…')).toBe(true);
    expect(title.startsWith(lines.join(' ').slice(0, -1).trimEnd())).toBe(true);
  });
});
