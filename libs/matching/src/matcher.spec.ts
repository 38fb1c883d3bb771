import fc from 'fast-check';
import { loadParkCatalog, loadTaxonomy } from '#catalog';
import { createMatcher, parksFromCatalog, type MatchPark, type Matcher, type Ranking } from './index.js';

const catalog = loadParkCatalog();
const taxonomy = loadTaxonomy();
const parks = parksFromCatalog(catalog);
const matcher = createMatcher(parks, taxonomy);
const top = (r: Ranking, n = 1): string[] => r.ranking.slice(0, n).map((m) => m.park);

describe('createMatcher — golden scenarios', () => {
  it('ranks a Chinese third-generation semiconductor lead to a 第三代半导体 park', () => {
    const r = matcher.rank({ text: '企业拟投资建设碳化硅衬底及外延片生产线，产品用于新能源汽车主驱逆变器。' });
    expect(['如东开发区', '南通高新区', '苏锡通科技产业园区']).toContain(top(r)[0]);
    expect(r.noFit).toBe(false);
    expect(r.primarySector).toBe('第三代半导体');
  });

  it('reaches the same parks for the English wording of the same lead', () => {
    const zh = matcher.rank({ text: '氢燃料电池电堆及膜电极研发制造项目' });
    const en = matcher.rank({ text: 'R&D and manufacturing of hydrogen fuel cell stacks and membrane electrode assemblies' });
    expect(top(en, 3).sort()).toEqual(top(zh, 3).sort());
    expect(en.primarySector).toBe(zh.primarySector);
  });

  it('understands mixed text such as "SiC功率器件"', () => {
    const r = matcher.rank({ text: 'SiC功率器件' });
    expect(['如东开发区', '南通高新区', '苏锡通科技产业园区']).toContain(top(r)[0]);
    const reason = r.ranking[0]!.reasons.find((x) => x.kind === 'sector');
    expect(reason?.terms).toEqual(expect.arrayContaining(['SiC'])); // as written, not the lowercased "sic"
    expect(reason?.text).toMatch(/第三代半导体/);
    expect(reason?.text).toMatch(/“SiC”/);
  });

  it('says each reason\'s share of 匹配度 in percent, never engine points', () => {
    const r = matcher.rank({ text: '碳化硅功率器件及外延片项目，建设6英寸SiC晶圆产线，年产车规级MOSFET功率模块100万只。' });
    const reasons = r.ranking.slice(0, 5).flatMap((x) => x.reasons);
    expect(reasons.length).toBeGreaterThan(0);
    for (const x of reasons) {
      expect(x.text).toMatch(/计入匹配度( \d+%|不足 1%)。$/);
      expect(x.text).not.toMatch(/贡献|\d\.\d+分/);
    }
    expect(reasons.flatMap((x) => x.terms)).not.toContain('mosfet');
  });

  it('never calls a declared sector "一致" with a direction it is only up/downstream of', () => {
    const r = matcher.rank({ text: '建设生产基地，引进先进设备。', sector: '第三代半导体' });
    const declared = r.ranking.flatMap((x) => x.reasons.filter((y) => /申报行业/.test(y.text)).map((y) => ({ ...y, park: x.park })));
    expect(declared.length).toBeGreaterThan(0);
    for (const x of declared) {
      if (x.kind === 'declared-sector') expect(x.text).toMatch(/一致/);
      else expect(x.text).toMatch(/产业链上下游/);
    }
    // at least one park is only chain-related to 第三代半导体, and says so
    expect(declared.some((x) => x.kind === 'chain')).toBe(true);
  });

  it('says no park fits a power-transformer factory', () => {
    const r = matcher.rank({ text: '电气企业投资建设高端变压器和开关柜智慧工厂。' });
    expect(r.noFit).toBe(true);
  });

  it('says no park fits a food processing plant, in English too', () => {
    expect(matcher.rank({ text: '食品企业建设休闲食品和饮料生产基地' }).noFit).toBe(true);
    expect(matcher.rank({ text: 'A dairy and snack food processing plant with cold chain warehousing' }).noFit).toBe(true);
  });

  it('uses the declared sector when the text is vague', () => {
    const vague = matcher.rank({ text: '某企业拟新建生产基地。' });
    const declared = matcher.rank({ text: '某企业拟新建生产基地。', sector: '高端纺织' });
    expect(vague.noFit).toBe(true);
    expect(declared.noFit).toBe(false);
    expect(top(declared)[0]).toBe('南通国际家纺产业园区');
    expect(declared.ranking[0]!.reasons.some((x) => x.kind === 'declared-sector')).toBe(true);
  });

  it('lets signed projects enrich a park profile', () => {
    const lead = { text: '钠离子电池正极材料项目' };
    const before = matcher.rank(lead);
    const enriched: MatchPark[] = parks.map((p) =>
      p.id === 'haian-gx' ? p : p.id === 'nantong-hitech' ? { ...p, signedProjects: ['钠离子电池正极材料生产基地', '钠离子电池电芯项目'] } : p,
    );
    const after = createMatcher(enriched, taxonomy).rank(lead);
    const score = (r: Ranking, name: string): number => r.ranking.find((m) => m.park === name)!.score;
    expect(score(after, '南通高新区')).toBeGreaterThan(score(before, '南通高新区'));
    expect(after.ranking.find((m) => m.park === '南通高新区')!.reasons.some((x) => x.kind === 'history')).toBe(true);
    expect(top(after)[0]).toBe('南通高新区');
  });

  it('lets leads a park declined as outside its direction count against similar leads there', () => {
    const lead = { text: '钠离子电池正极材料项目' };
    const before = matcher.rank(lead);
    const name = before.ranking[0]!.park;
    const id = before.ranking[0]!.parkId;
    const declined: MatchPark[] = parks.map((p) => (p.id === id ? { ...p, declinedProjects: ['钠离子电池正极材料生产基地', '钠离子电池负极材料项目'] } : p));
    const m = createMatcher(declined, taxonomy);
    const after = m.rank(lead);
    const at = (r: Ranking) => r.ranking.find((x) => x.park === name)!;
    expect(m.version).not.toBe(matcher.version);
    expect(at(after).score).toBeLessThan(at(before).score);
    expect(at(after).rank).toBeGreaterThan(1);
    const reason = at(after).reasons.find((x) => x.kind === 'history')!;
    expect(reason.weight).toBeLessThan(0);
    expect(reason.text).toContain('退回');
    // an unrelated lead is not affected
    const other = { text: '氢燃料电池电堆及膜电极研发制造项目' };
    expect(m.rank(other).ranking.map((x) => `${x.park} ${x.score}`)).toEqual(matcher.rank(other).ranking.map((x) => `${x.park} ${x.score}`));
  });

  it('prefers the park that names a sector over one covering it through an umbrella', () => {
    const r = matcher.rank({ text: '心血管介入支架和人工心脏瓣膜项目' });
    expect(['如东开发区', '南通创新区']).toContain(top(r)[0]);
  });

  it('writes reasons as Chinese sentences whose weights add up to the score', () => {
    const r = matcher.rank({ text: '合成生物企业建设生物基材料和莱赛尔纤维项目' });
    for (const m of r.ranking.slice(0, 5)) {
      const sum = m.reasons.reduce((a, x) => a + x.weight, 0);
      expect(Math.abs(sum - m.score)).toBeLessThan(0.002 * Math.max(1, m.reasons.length));
      for (const x of m.reasons) expect(x.text).toMatch(/[\u4e00-\u9fff].*。$/);
    }
  });

  it('keeps numbers and units out of the similarity', () => {
    const a = matcher.rank({ text: '投资约10亿元、用地200亩建设工业机器人生产基地' });
    const b = matcher.rank({ text: '投资约99亿元、用地5亩建设工业机器人生产基地' });
    expect(a.ranking.map((m) => [m.park, m.score])).toEqual(b.ranking.map((m) => [m.park, m.score]));
  });

  it('changes its version when the taxonomy, the options or the parks change', () => {
    const v = matcher.version;
    expect(createMatcher(parks, taxonomy).version).toBe(v);
    expect(createMatcher(parks, taxonomy, { chainWeight: 0.3 }).version).not.toBe(v);
    expect(createMatcher(parks, { ...taxonomy, taxonomyVersion: 'x' }).version).not.toBe(v);
    expect(createMatcher(parks.slice(1), taxonomy).version).not.toBe(v);
  });
});

describe('createMatcher — properties', () => {
  const textArb = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.array(fc.constantFrom('碳化硅', '氢能', '储能', 'SiC', 'robot', '合成生物', '纺织', '变压器', '食品', '，', ' ', '10亿元', 'AI', '医疗器械', 'film'), { maxLength: 12 }).map((xs) => xs.join('')),
  );

  it('always returns every park once, scores in [0,1], ranks 1..n in score order', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const r = matcher.rank({ text });
        expect(r.ranking).toHaveLength(parks.length);
        expect(new Set(r.ranking.map((m) => m.parkId)).size).toBe(parks.length);
        r.ranking.forEach((m, i) => {
          expect(m.score).toBeGreaterThanOrEqual(0);
          expect(m.score).toBeLessThanOrEqual(1);
          expect(m.rank).toBe(i + 1);
          if (i > 0) expect(m.score).toBeLessThanOrEqual(r.ranking[i - 1]!.score);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(matcher.rank({ text })).toEqual(matcher.rank({ text }));
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same order whatever the order of the park list', () => {
    const shuffled: Matcher[] = [];
    fc.assert(
      fc.property(fc.shuffledSubarray(parks, { minLength: parks.length, maxLength: parks.length }), textArb, (perm, text) => {
        const m = shuffled.length < 5 ? createMatcher(perm, taxonomy) : shuffled[shuffled.length % 5]!;
        if (shuffled.length < 5) shuffled.push(m);
        const a = matcher.rank({ text });
        const b = m.rank({ text });
        expect(b.ranking.map((x) => [x.parkId, x.score])).toEqual(a.ranking.map((x) => [x.parkId, x.score]));
        expect(b.noFit).toBe(a.noFit);
      }),
      { numRuns: 60 },
    );
  });
});
