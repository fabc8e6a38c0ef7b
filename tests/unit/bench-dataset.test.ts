import { describe, expect, it } from 'vitest';
import { canReuse } from '../../scripts/lib/bench/dataset.ts';
import { countsFor, FULL_COUNTS, GENERATOR_VERSION, galleryShare, generate } from '../../scripts/lib/bench/generate.ts';
import { seeded } from '../../scripts/lib/bench/prng.ts';
import { wordCount } from '../../scripts/lib/bench/text.ts';

describe('the bench dataset generator', () => {
  it('draws the same sequence from the same seed and another from another seed', () => {
    const a = seeded(7);
    const b = seeded(7);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => seeded(8).next())).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('generates the same dataset on every run', () => {
    expect(JSON.stringify(generate(0.02))).toBe(JSON.stringify(generate(0.02)));
  });

  it('has the counts of ten years of one school at full scale', () => {
    expect(countsFor(1)).toEqual(FULL_COUNTS);
  });

  it('shrinks every count with --scale and keeps one cover per article and activity', () => {
    const dataset = generate(0.02);
    expect(dataset.counts).toEqual({
      articles: 100,
      directives: 20,
      activities: 60,
      photos: 400,
      menus: 10,
      workWeeks: 10,
      albums: 6,
      questions: 25,
      admissions: 1,
    });
    expect(dataset.articles).toHaveLength(100);
    expect(dataset.directives).toHaveLength(20);
    expect(dataset.activities).toHaveLength(60);
    expect(dataset.menus).toHaveLength(10);
    const photos = [...dataset.articles, ...dataset.activities].reduce((sum, item) => sum + 1 + item.gallery.length, 0);
    expect(photos).toBe(400);
    expect(countsFor(0.0001).photos).toBeGreaterThanOrEqual(countsFor(0.0001).articles + countsFor(0.0001).activities);
  });

  it('refuses a scale outside (0, 1] in Vietnamese', () => {
    expect(() => countsFor(0)).toThrow(/--scale/);
    expect(() => countsFor(2)).toThrow(/--scale/);
    expect(() => countsFor(Number.NaN)).toThrow(/--scale/);
  });

  it('spreads gallery photos so that their sum is exact', () => {
    const shares = Array.from({ length: 7 }, (_, i) => galleryShare(12, 7, i));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(12);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
  });

  it('writes Vietnamese bodies of about 300 words, unique slugs, numbers and photo names', () => {
    const dataset = generate(0.05);
    for (const article of dataset.articles.slice(0, 20)) {
      expect(wordCount(article.body)).toBeGreaterThanOrEqual(300);
      expect(wordCount(article.body)).toBeLessThan(450);
      expect(article.body.join(' ')).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    }
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(dataset.articles.map((a) => a.slug))).toBe(true);
    expect(unique(dataset.activities.map((a) => a.slug))).toBe(true);
    expect(unique(dataset.directives.map((d) => d.number))).toBe(true);
    expect(unique(dataset.menus.map((m) => `${m.weekStart} ${m.ageGroup}`))).toBe(true);
    expect(unique([...dataset.articles, ...dataset.activities].flatMap((item) => [item.cover.name, ...item.gallery.map((p) => p.name)]))).toBe(true);
  });

  it('cites only earlier directives as căn cứ, so they can be loaded in order', () => {
    const { directives } = generate(0.05);
    expect(directives[0]?.basedOn).toEqual([]);
    for (const [index, directive] of directives.entries()) {
      expect(directive.basedOn.every((cited) => cited < index)).toBe(true);
      if (index > 0) expect(directive.basedOn.length).toBeGreaterThan(0);
    }
  });

  it('dates ten years of articles in order, before the demo content', () => {
    const { articles } = generate(0.02);
    const dates = articles.map((a) => a.publishedAt);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]?.startsWith('2016-09')).toBe(true);
    expect(dates.at(-1)! > '2026-06' && dates.at(-1)! < '2026-09').toBe(true);
  });

  it('reuses a loaded dataset only of the same generator version and scale', () => {
    const stamp = { generatorVersion: GENERATOR_VERSION, scale: 0.05, loadSeconds: 40 };
    expect(canReuse(stamp, 0.05)).toBe(true);
    expect(canReuse(stamp, 1)).toBe(false);
    expect(canReuse({ ...stamp, generatorVersion: GENERATOR_VERSION - 1 }, 0.05)).toBe(false);
    expect(canReuse(null, 0.05)).toBe(false);
  });
});
