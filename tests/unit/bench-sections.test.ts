import { createHash } from 'node:crypto';
import { admissionProblem } from '@portal/common/admission';
import { QUESTION_KINDS, QUESTION_TOPICS } from '@portal/common/questions';
import { addDays, isInWeek, isMonday } from '@portal/common/work-week';
import { describe, expect, it } from 'vitest';
import { FULL_COUNTS, generate } from '../../scripts/lib/bench/generate.ts';
import { seeded } from '../../scripts/lib/bench/prng.ts';
import { albumPhotoCount, allSeasons, mondays, questions, workWeeks } from '../../scripts/lib/bench/sections.ts';

const START = Date.UTC(2016, 8, 5);
const END = Date.UTC(2026, 7, 31);
const unique = (values: string[]) => new Set(values).size === values.length;

describe('the bench dataset: newer sections', () => {
  it('leaves the older sections exactly as generator version 1 made them', () => {
    // Digests of articles, directives, activities and menus from the generator before these sections.
    const digest = (scale: number) => {
      const { articles, directives, activities, menus } = generate(scale);
      return createHash('sha256').update(JSON.stringify({ articles, directives, activities, menus })).digest('hex');
    };
    expect(digest(0.02)).toBe('46789be7785a62dc888de381c40529782756c38fb8a04706e7150e362e6b56c6');
  });

  it('draws the same calendars, albums, questions and seasons on every run', () => {
    const a = generate(0.05);
    const b = generate(0.05);
    expect(JSON.stringify([a.workWeeks, a.albums, a.questions, a.admissions])).toBe(JSON.stringify([b.workWeeks, b.albums, b.questions, b.admissions]));
  });

  it('scales their counts like the others', () => {
    const dataset = generate(0.02);
    expect(dataset.workWeeks).toHaveLength(10);
    expect(dataset.albums).toHaveLength(6);
    expect(dataset.questions).toHaveLength(25);
    expect(dataset.admissions).toHaveLength(1);
    expect(FULL_COUNTS).toMatchObject({ workWeeks: 500, albums: 300, questions: 1_250, admissions: 14 });
  });

  it('has one calendar a week over ten years, at full scale too, each entry on a day of its week', () => {
    expect(mondays(START, END, 10_000)).toHaveLength(521);
    const weeks = workWeeks(seeded(3), START, END, FULL_COUNTS.workWeeks);
    expect(weeks).toHaveLength(500);
    expect(unique(weeks.map((w) => w.weekStart))).toBe(true);
    expect(weeks[0]?.weekStart).toBe('2016-09-05');
    expect((weeks.at(-1)?.weekStart ?? '') < '2026-08-31').toBe(true);
    for (const week of weeks) {
      expect(isMonday(week.weekStart)).toBe(true);
      expect(week.entries.length).toBeGreaterThanOrEqual(11);
      expect(week.entries.length).toBeLessThanOrEqual(80);
      for (const entry of week.entries) {
        expect(isInWeek(entry.date, week.weekStart)).toBe(true);
        expect(entry.date <= addDays(week.weekStart, 5)).toBe(true);
        if (entry.endTime) expect(entry.endTime > entry.startTime).toBe(true);
        expect(entry.content).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựđ]/);
      }
    }
    // One week in four is changed after publication: another time and another room for one entry.
    const amended = weeks.filter((w) => w.amended);
    expect(amended).toHaveLength(125);
    for (const week of amended) {
      const { index, before } = week.amended!;
      const entry = week.entries[index]!;
      expect(index).toBeGreaterThan(0);
      expect(entry.startTime).not.toBe(before.startTime);
      expect(entry.place).not.toBe(before.place);
    }
  });

  it('makes most albums from an activity with a gallery, the others with photos of their own', () => {
    const { albums, activities, articles } = generate(0.05);
    expect(albums).toHaveLength(15);
    const fromActivity = albums.filter((a) => a.activity !== null);
    expect(fromActivity.length).toBeGreaterThanOrEqual(albums.length * 0.75);
    for (const album of fromActivity) {
      const activity = activities[album.activity!]!;
      expect(activity.gallery.length).toBeGreaterThan(0);
      expect(album.date).toBe(activity.date);
      expect(album.photos).toEqual([]);
    }
    for (const album of albums.filter((a) => a.activity === null)) {
      expect(album.photos.length).toBeGreaterThanOrEqual(6);
      expect(album.photos.length).toBeLessThanOrEqual(12);
    }
    expect(albumPhotoCount(albums)).toBe(albums.reduce((sum, a) => sum + a.photos.length, 0));
    expect(unique(albums.map((a) => a.slug))).toBe(true);
    const names = [...articles, ...activities].flatMap((item) => [item.cover.name, ...item.gallery.map((p) => p.name)]);
    expect(unique([...names, ...albums.flatMap((a) => a.photos.map((p) => p.name))])).toBe(true);
    expect([...albums.map((a) => a.date)].sort()).toEqual(albums.map((a) => a.date));
  });

  it('asks questions on every topic, answers each, and publishes four in five with the asker consenting', () => {
    const asked = questions(seeded(5), START, END, FULL_COUNTS.questions);
    const published = asked.filter((q) => q.publish);
    expect(published).toHaveLength(1_000);
    expect(new Set(published.map((q) => q.topic))).toEqual(new Set(QUESTION_TOPICS));
    for (const question of asked) {
      expect(QUESTION_TOPICS).toContain(question.topic);
      expect(QUESTION_KINDS).toContain(question.kind);
      expect(question.question.length).toBeGreaterThanOrEqual(10);
      expect(question.answer.length).toBeGreaterThan(0);
      expect(question.answeredAt > question.askedAt).toBe(true);
      if (question.publish) expect(question.consent).toBe(true);
      // No e-mail address: an answer would queue a mail for the bench's CMS to send.
      expect(question).not.toHaveProperty('email');
      expect(question.publicQuestion).not.toMatch(/@|\d{3} \d{3}/);
    }
    expect(asked.at(-1)!.askedAt < '2026-09').toBe(true);
  });

  it('has every enrolment season of the ten years, each valid for the CMS and closed before the demo seasons', () => {
    const seasons = allSeasons(seeded(1));
    expect(seasons).toHaveLength(FULL_COUNTS.admissions);
    expect(unique(seasons.map((s) => s.title))).toBe(true);
    for (const season of seasons) {
      expect(admissionProblem({ ...season })).toBeNull();
      expect(season.closesOn < '2026-09-01').toBe(true);
      expect(season.publishedAt.slice(0, 10) < season.opensOn).toBe(true);
    }
  });
});
