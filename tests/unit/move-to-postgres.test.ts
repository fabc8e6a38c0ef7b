import { canonical, toTarget } from '@portal/backups/move-to-postgres';
import { describe, expect, it } from 'vitest';

describe('moving rows from SQLite to PostgreSQL', () => {
  it('writes SQLite booleans, kept as 0 and 1, as PostgreSQL booleans', () => {
    expect(toTarget(1, 'boolean')).toBe(true);
    expect(toTarget(0, 'boolean')).toBe(false);
    expect(toTarget(null, 'boolean')).toBeNull();
  });

  it('writes Strapi’s millisecond times as dates, so the driver stores them as Strapi does', () => {
    const written = toTarget(1_796_078_839_381, 'timestamp without time zone');
    expect(written).toBeInstanceOf(Date);
    expect((written as Date).getTime()).toBe(1_796_078_839_381);
  });

  it('spells a value the same whichever database it was read from', () => {
    const ms = 1_796_078_839_381;
    expect(canonical(ms, 'timestamp without time zone')).toBe(canonical(new Date(ms), 'timestamp without time zone'));
    expect(canonical(1, 'boolean')).toBe(canonical(true, 'boolean'));
    // jsonb keeps keys in its own order and drops spaces.
    expect(canonical('{"b": 1, "a": [1, {"d": 2, "c": 3}]}', 'json')).toBe(canonical({ a: [1, { c: 3, d: 2 }], b: 1 }, 'jsonb'));
    expect(canonical('12', 'bigint')).toBe(canonical(12, 'bigint'));
    // A time of day: Strapi's SQLite keeps milliseconds, PostgreSQL's time column gives none back.
    expect(canonical('08:00:00.000', 'time')).toBe(canonical('08:00:00', 'time without time zone'));
    expect(canonical('08:00:00.000', 'time')).not.toBe(canonical('08:30:00', 'time without time zone'));
  });

  it('tells different values apart', () => {
    expect(canonical(0, 'boolean')).not.toBe(canonical(1, 'boolean'));
    expect(canonical('{"a":1}', 'json')).not.toBe(canonical('{"a":2}', 'json'));
    expect(canonical('Hiệp Hòa', 'text')).not.toBe(canonical('Hiệp Hoà', 'text'));
    expect(canonical(null, 'text')).not.toBe(canonical('null', 'text'));
  });
});
