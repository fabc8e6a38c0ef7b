import { isSafeMemberPath, parseManifest } from '@portal/backups/manifest';
import { archiveName, parseArchiveName, tempName } from '@portal/backups/names';
import { nextRunAt } from '@portal/backups/schedule';
import { fromVietnam } from '@portal/common/vietnam-time';
import { describe, expect, it } from 'vitest';

/** A format-2 manifest with these uploads. */
const formatTwo = (uploads: unknown[]) =>
  JSON.stringify({
    format: 'portal-backup',
    formatVersion: 2,
    database: { client: 'sqlite', path: 'database/data.db' },
    files: [{ path: 'database/data.db', size: 1, sha256: 'a'.repeat(64) }],
    store: { keyId: '0123456789abcdef', identity: 'AGE-SECRET-KEY-1…' },
    uploads,
  });

describe('archive names', () => {
  it('carry the creation time in Vietnam time and read back to the same instant', () => {
    const instant = new Date(Date.UTC(2026, 10, 28, 19, 30, 5));
    const name = archiveName(instant);
    expect(name).toBe('portal-backup-20261129-023005.tar.gz.age');
    expect(parseArchiveName(name)?.getTime()).toBe(instant.getTime());
    expect(parseArchiveName(archiveName(instant, 2))?.getTime()).toBe(instant.getTime());
  });

  it('are never given to temporary files, so an unfinished run is never taken for an archive', () => {
    expect(parseArchiveName(tempName(archiveName(new Date())))).toBeNull();
    expect(parseArchiveName('portal-backup-20261129-023005.tar.gz.age.json')).toBeNull();
  });
});

describe('the daily schedule', () => {
  it('runs later today when the time has not come yet (Vietnam time)', () => {
    const now = fromVietnam(2026, 11, 29, 1, 0);
    expect(nextRunAt(now, '02:30').getTime()).toBe(fromVietnam(2026, 11, 29, 2, 30).getTime());
  });

  it('runs tomorrow once the time has passed, across month ends', () => {
    const now = fromVietnam(2026, 11, 30, 2, 30);
    expect(nextRunAt(now, '02:30').getTime()).toBe(fromVietnam(2026, 12, 1, 2, 30).getTime());
  });
});

describe('manifest member paths', () => {
  it('accept only relative paths inside database/, config/ and uploads/', () => {
    expect(isSafeMemberPath('uploads/anh_1.jpg')).toBe(true);
    expect(isSafeMemberPath('uploads/thu-muc/anh.jpg')).toBe(true);
    for (const bad of ['../etc/passwd', '/etc/passwd', 'uploads/../../x', 'uploads//x', 'uploads/./x', 'other/x', 'uploads\\..\\x', 'uploads/']) {
      expect(isSafeMemberPath(bad), bad).toBe(false);
    }
  });

  it('reject a manifest that lists a path escaping the restore folder', () => {
    const manifest = {
      format: 'portal-backup',
      formatVersion: 1,
      database: { client: 'sqlite', path: 'database/data.db' },
      files: [
        { path: 'database/data.db', size: 1, sha256: 'a'.repeat(64) },
        { path: 'uploads/../../cms/.env', size: 1, sha256: 'b'.repeat(64) },
      ],
    };
    expect(() => parseManifest(JSON.stringify(manifest))).toThrow(/không hợp lệ/);
  });

  it('accept a format-2 manifest whose uploads name objects in the store, and reject one escaping it', () => {
    const upload = { path: 'uploads/anh.jpg', size: 1, sha256: 'c'.repeat(64), mtime: '1', object: `ab/${'d'.repeat(64)}`, objectSize: 190, gzip: false };
    expect(parseManifest(formatTwo([upload])).uploads).toEqual([upload]);
    for (const bad of [
      { ...upload, object: '../../../cms/.env' },
      { ...upload, object: `ab/${'d'.repeat(64)}.gz` },
      { ...upload, path: 'config/cms.env' },
      { ...upload, path: 'uploads/../x' },
    ]) {
      expect(() => parseManifest(formatTwo([bad])), JSON.stringify(bad)).toThrow(/không hợp lệ/);
    }
    expect(() => parseManifest(formatTwo([upload, upload]))).toThrow(/không hợp lệ/);
  });

  it('accept a bucket object only as a flat stored name, so a restore puts it back under the prefix and nowhere else', () => {
    const object = {
      path: 'uploads/anh_1.jpg',
      size: 1,
      sha256: 'c'.repeat(64),
      mtime: 's3:"e":1',
      object: `ab/${'d'.repeat(64)}`,
      objectSize: 190,
      gzip: false,
      bucket: true,
    };
    expect(parseManifest(formatTwo([object])).uploads).toEqual([object]);
    for (const bad of [
      { ...object, path: 'uploads/thu-muc/anh_1.jpg' },
      { ...object, bucket: 'yes' },
    ]) {
      expect(() => parseManifest(formatTwo([bad])), JSON.stringify(bad)).toThrow(/không hợp lệ/);
    }
  });
});
