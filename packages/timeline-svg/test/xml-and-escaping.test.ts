/**
 * The picture is well-formed XML whatever the store id holds, accessible (role, label, title,
 * description), and pure: the same timeline gives the same bytes.
 */
import { escapeXml, renderTimelineSvg } from '../src';
import { explainedWeek } from './support/stores';
import { byClass, findAll, parseXml, textOf } from './support/xml-tree';

const NOW = Date.parse('2024-03-14T16:00:00Z');

describe('escapeXml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeXml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('replaces characters XML 1.0 cannot hold with U+FFFD, and keeps the rest', () => {
    expect(escapeXml('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uD800g')).toBe(
      'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg',
    );
    expect(escapeXml('tab\tline\ncr\r é 店 🏪')).toBe('tab\tline\ncr\r é 店 🏪');
  });
});

describe('a hostile store id', () => {
  const hostile = `</text><script>alert("x")</script>]]>&amp; ' <!-- \u0001 \uD800 店🏪`;
  const { timeline } = explainedWeek({ storeId: hostile, zone: 'America/New_York', now: NOW });
  const source = renderTimelineSvg(timeline);
  const svg = parseXml(source);
  const safe = hostile.replace('\u0001', '\uFFFD').replace('\uD800', '\uFFFD');

  it('leaves the picture well-formed, with no element the id tried to open', () => {
    expect(findAll(svg, (e) => e.name === 'script')).toEqual([]);
    expect(source).not.toContain('<script');
    expect(source).not.toContain('<!-- ');
  });

  it('shows the id as text, in the title, the heading and the data attribute', () => {
    expect(svg.attrs['data-store-id']).toBe(safe);
    expect(textOf(byClass(svg, 'title')[0])).toBe(`Store ${safe}`);
    expect(textOf(findAll(svg, (e) => e.name === 'title')[0])).toContain(safe);
    expect(svg.attrs['aria-label']).toContain(safe);
  });
});

describe('the document', () => {
  const { timeline } = explainedWeek({
    zone: 'Australia/Sydney',
    now: Date.parse('2024-10-10T01:00:00Z'),
    maxGapMs: 7_200_000,
  });
  const source = renderTimelineSvg(timeline);
  const svg = parseXml(source);

  it('is an accessible SVG image: role, label, title and description first', () => {
    expect(svg.name).toBe('svg');
    expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(svg.attrs.role).toBe('img');
    expect(svg.attrs.viewBox).toBe(`0 0 ${svg.attrs.width} ${svg.attrs.height}`);
    const [title, desc] = svg.children.filter((c) => typeof c !== 'string');
    expect(typeof title !== 'string' && title.name).toBe('title');
    expect(typeof desc !== 'string' && desc.name).toBe('desc');
    expect(svg.attrs['aria-describedby']).toBe('timeline-desc');
    expect(textOf(title)).toBe(svg.attrs['aria-label']);
  });

  it('names the store, zone, policy, max gap and now in its subtitle', () => {
    expect(textOf(byClass(svg, 'subtitle')[0])).toBe(
      'Australia/Sydney · policy nearest · max gap 2h · now 2024-10-10 12:00 GMT+11',
    );
    expect(textOf(byClass(svg, 'week-total')[0])).toMatch(
      /^Week \(the report row\): up \d+\.\d\d h · down \d+\.\d\d h · unknown \d+\.\d\d h$/,
    );
  });

  it('has a legend for each status, the bands and the kinds of poll', () => {
    const items = byClass(svg, 'legend-item').map((e) => e.attrs.class.replace('legend-item ', ''));
    expect(items).toEqual([
      'up',
      'down',
      'unknown',
      'band',
      'closed',
      'outside',
      'poll-active',
      'poll-inactive',
      'poll-ignored',
    ]);
  });

  it('is pure: the same timeline gives the same bytes', () => {
    expect(renderTimelineSvg(timeline)).toBe(source);
  });

  it('takes a title, and an id prefix for pictures side by side in one page', () => {
    const other = parseXml(renderTimelineSvg(timeline, { title: 'Why store 42 was down', idPrefix: 'store-42' }));
    expect(textOf(byClass(other, 'title')[0])).toBe('Why store 42 was down');
    const ids = findAll(other, (e) => 'id' in e.attrs).map((e) => e.attrs.id);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(id.startsWith('store-42-')).toBe(true);
    for (const s of byClass(other, 'segment', 'down')) expect(s.attrs.fill).toBe('url(#store-42-down)');
  });
});

describe('the XML check itself', () => {
  it.each([
    ['<a><b></a></b>', 'crossed tags'],
    ['<a x="1" x="2"/>', 'a duplicate attribute'],
    ['<a x=1/>', 'an unquoted attribute'],
    ['<a>&</a>', 'a bare ampersand'],
    ['<a>&nbsp;</a>', 'an entity XML does not define'],
    ['<a>\u0001</a>', 'a control character'],
    ['<a/><b/>', 'two roots'],
    ['<a>', 'an unclosed element'],
  ])('rejects %s (%s)', (xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
