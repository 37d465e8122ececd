import fc from 'fast-check';
import { decodeToken, encodeToken, searchColumn, tokenize } from './kb.segment';
import { expandQuery, fts5Match, normaliseSynonyms } from './kb.synonyms';
import { rankSuggestions, scopeTier, type RankCandidate } from './kb.rank';
import { excerptOf, renderMarkdown } from './kb.render';

describe('KB segmentation', () => {
  it('finds 卡纸 and 打印机 in "打印机又卡纸了"', () => {
    const tokens = tokenize('打印机又卡纸了');
    expect(tokens).toContain('卡纸');
    expect(tokens).toContain('打印机');
  });

  it('drops punctuation and lower-cases Latin words', () => {
    expect(tokenize('HP LaserJet，卡纸！')).toEqual(expect.arrayContaining(['hp', 'laserjet', '卡纸']));
    expect(tokenize('，。！？ ...')).toEqual([]);
  });

  it('the search column holds the encoded tokens of title and body, each >= 3 ASCII characters', () => {
    const col = searchColumn('打印机卡纸', '打开**前盖**，取出夹纸');
    const words = col.split(' ');
    expect(words.map(decodeToken)).toEqual(expect.arrayContaining(['打印机', '卡纸', '前盖', '夹纸']));
    for (const w of words) expect(w).toMatch(/^k[0-9a-f]{2,}$/);
    for (const w of words) expect(w.length).toBeGreaterThanOrEqual(3);
  });

  it('encoding round-trips and never exceeds MariaDB innodb_ft_max_token_size (84)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }), (s) => {
        const e = encodeToken(s);
        expect(e.length).toBeLessThanOrEqual(84);
        if (Buffer.byteLength(s, 'utf8') <= 41) expect(decodeToken(e)).toBe(s);
        else expect(s.startsWith(decodeToken(e))).toBe(true);
      }),
    );
  });
});

describe('KB synonyms', () => {
  const groups = [['卡纸', '夹纸']];
  it('a query for 卡纸 also looks for 夹纸 (and back)', () => {
    expect(expandQuery('又卡纸了', groups).flat()).toEqual(expect.arrayContaining(['卡纸', '夹纸']));
    expect(expandQuery('夹纸', groups).flat()).toContain('卡纸');
    expect(expandQuery('漏水', groups).flat()).not.toContain('夹纸');
  });
  it('the FTS5 query is OR-ed quoted hex tokens', () => {
    expect(fts5Match([['卡纸']])).toBe(`"${encodeToken('卡纸')}"`);
    expect(fts5Match(expandQuery('夹纸', groups)).split(' OR ')).toHaveLength(2);
  });
  it('normalising drops blanks, duplicates and one-word groups', () => {
    expect(normaliseSynonyms([[' 卡纸 ', '夹纸', '卡纸'], ['只有一个'], ['', ' ']])).toEqual([['卡纸', '夹纸']]);
  });
});

describe('KB suggestion ranking', () => {
  const printer = { model: 'HP-M1136', category: '打印机' };
  const c = (id: number, models: string[], categories: string[], relevance: number): RankCandidate => ({
    id,
    models,
    categories,
    relevance,
  });

  it('an air-conditioner article is not suggested first for a printer, however well its text matched', () => {
    const aircon = c(1, ['KFR-35GW'], ['空调'], 99);
    const paper = c(2, [], ['打印机'], 1);
    expect(rankSuggestions([aircon, paper], printer, 5).map((x) => x.id)).toEqual([2, 1]);
  });

  it('model beats category beats general beats other scopes', () => {
    expect(scopeTier(c(1, ['hp-m1136'], [], 0), printer)).toBe(2);
    expect(scopeTier(c(1, [], ['打印机'], 0), printer)).toBe(1);
    expect(scopeTier(c(1, [], [], 0), printer)).toBe(0);
    expect(scopeTier(c(1, ['X'], ['空调'], 0), printer)).toBe(-1);
  });

  it('property: the result is sorted by (tier, relevance, id) and is the top of the candidates', () => {
    const cand = fc.record({
      id: fc.integer({ min: 1, max: 10_000 }),
      models: fc.subarray(['HP-M1136', 'KFR-35GW', 'X1']),
      categories: fc.subarray(['打印机', '空调']),
      relevance: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(cand, { selector: (x) => x.id, maxLength: 30 }), fc.integer({ min: 0, max: 10 }), (cs, limit) => {
        const out = rankSuggestions(cs, printer, limit);
        expect(out.length).toBe(Math.min(limit, cs.length));
        const key = (x: RankCandidate) => [scopeTier(x, printer), x.relevance, x.id];
        const oracle = [...cs].sort((a, b) => {
          const [ka, kb] = [key(a), key(b)];
          for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
          return 0;
        });
        expect(out.map((x) => x.id)).toEqual(oracle.slice(0, limit).map((x) => x.id));
      }),
    );
  });
});

describe('KB Markdown rendering', () => {
  it('escapes raw HTML and scripts', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });
  it('refuses javascript: links but renders ordinary Markdown', () => {
    const html = renderMarkdown('[x](javascript:alert(1)) **取出卡纸** [ok](https://example.com)');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<strong>取出卡纸</strong>');
    expect(html).toContain('href="https://example.com"');
  });
  it('excerpts are plain text and bounded', () => {
    expect(excerptOf('# 标题\n\n打开**前盖**，[说明](https://x)')).toBe('标题 打开前盖，说明');
    expect([...excerptOf('卡'.repeat(500), 50)]).toHaveLength(50);
  });
});
