import { ADMISSION_STATUS_LABELS, admissionProblem, admissionStatus, currentSeason } from '@portal/common/admission';
import { describe, expect, it } from 'vitest';
import { toSearchDocument } from '../../site/src/lib/search/documents.ts';

const season = { opensOn: '2027-06-15', closesOn: '2027-07-15' };
/** An instant given as Vietnam wall-clock time (UTC+7), written out so the test does not lean on the helper it checks. */
const vn = (local: string) => new Date(`${local}+07:00`);

describe('the state of an enrolment season', () => {
  it('is upcoming until the last second before the opening day begins in Vietnam', () => {
    expect(admissionStatus(season, vn('2027-06-14T23:59:59'))).toBe('upcoming');
    // 16:59:59 UTC is 23:59:59 in Vietnam.
    expect(admissionStatus(season, new Date('2027-06-14T16:59:59Z'))).toBe('upcoming');
  });

  it('is open from midnight of the opening day in Vietnam, while it is still the day before in UTC', () => {
    expect(admissionStatus(season, vn('2027-06-15T00:00:00'))).toBe('open');
    expect(admissionStatus(season, new Date('2027-06-14T17:00:00Z'))).toBe('open');
  });

  it('stays open through the whole closing day in Vietnam', () => {
    expect(admissionStatus(season, vn('2027-07-15T23:59:59'))).toBe('open');
  });

  it('is closed from midnight after the closing day in Vietnam, while UTC is still on the closing day', () => {
    expect(admissionStatus(season, vn('2027-07-16T00:00:00'))).toBe('closed');
    expect(admissionStatus(season, new Date('2027-07-15T17:00:00Z'))).toBe('closed');
  });

  it('is one day long when a season opens and closes on the same day', () => {
    const oneDay = { opensOn: '2027-06-20', closesOn: '2027-06-20' };
    expect(admissionStatus(oneDay, vn('2027-06-19T23:59:59'))).toBe('upcoming');
    expect(admissionStatus(oneDay, vn('2027-06-20T12:00:00'))).toBe('open');
    expect(admissionStatus(oneDay, vn('2027-06-21T00:00:00'))).toBe('closed');
  });

  it('is unknown when a date is missing or malformed', () => {
    expect(admissionStatus({ opensOn: '2027-06-15', closesOn: null }, vn('2027-06-20T00:00:00'))).toBeNull();
    expect(admissionStatus({ opensOn: '15/06/2027', closesOn: '2027-07-15' }, vn('2027-06-20T00:00:00'))).toBeNull();
  });

  it('is named in Vietnamese', () => {
    expect(ADMISSION_STATUS_LABELS).toEqual({ open: 'Đang nhận hồ sơ', upcoming: 'Sắp mở', closed: 'Đã kết thúc' });
  });
});

describe('the season the site shows', () => {
  const past = { id: 'past', opensOn: '2026-06-15', closesOn: '2026-07-15' };
  const supplementary = { id: 'bo-sung', opensOn: '2026-12-01', closesOn: '2026-12-31' };
  const next = { id: 'next', opensOn: '2027-06-15', closesOn: '2027-07-15' };
  const all = [past, next, supplementary];

  it('is the open season when one is open', () => {
    expect(currentSeason(all, vn('2026-12-31T23:00:00'))?.id).toBe('bo-sung');
  });

  it('is the next season to open when none is open', () => {
    expect(currentSeason(all, vn('2027-01-01T00:00:00'))?.id).toBe('next');
    expect(currentSeason(all, vn('2026-11-30T23:59:59'))?.id).toBe('bo-sung');
  });

  it('is the season that closed last when none is open or to come', () => {
    expect(currentSeason(all, vn('2027-08-01T00:00:00'))?.id).toBe('next');
    expect(currentSeason([past], vn('2027-08-01T00:00:00'))?.id).toBe('past');
  });

  it('is the one closing first when two open seasons overlap, and none without seasons', () => {
    const long = { id: 'long', opensOn: '2026-11-01', closesOn: '2027-01-31' };
    expect(currentSeason([long, supplementary], vn('2026-12-10T08:00:00'))?.id).toBe('bo-sung');
    expect(currentSeason([], vn('2026-12-10T08:00:00'))).toBeNull();
  });
});

describe('the date rules of a season', () => {
  it('refuse a closing day before the opening day, in Vietnamese with both dates', () => {
    expect(admissionProblem({ opensOn: '2027-07-15', closesOn: '2027-06-15' })).toBe(
      'Ngày kết thúc nhận hồ sơ (15/06/2027) không được trước ngày bắt đầu nhận hồ sơ (15/07/2027).',
    );
  });

  it('accept a season that opens and closes on the same day, with results after it', () => {
    expect(admissionProblem({ opensOn: '2027-06-15', closesOn: '2027-06-15', resultsOn: '2027-06-20', schoolYear: '2027-2028' })).toBeNull();
  });

  it('refuse results announced before applications open', () => {
    expect(admissionProblem({ opensOn: '2027-06-15', closesOn: '2027-07-15', resultsOn: '2027-06-01' })).toContain('Ngày công bố kết quả (01/06/2027)');
  });

  it('refuse a school year that is not two years in a row', () => {
    expect(admissionProblem({ schoolYear: '2027-2029' })).toContain('Năm học "2027-2029" không hợp lệ');
  });

  it('refuse an age group whose birth years run backwards', () => {
    expect(admissionProblem({ ageGroups: [{ name: 'Mẫu giáo 3–4 tuổi', bornFrom: 2024, bornTo: 2023 }] })).toContain('Nhóm tuổi "Mẫu giáo 3–4 tuổi"');
  });
});

describe('a season in search', () => {
  it('is found by its age groups and documents and links to /tuyen-sinh', () => {
    const doc = toSearchDocument('admission', {
      documentId: 'ts1',
      title: 'Tuyển sinh năm học 2027–2028',
      opensOn: '2027-06-15',
      closesOn: '2027-07-15',
      plan: [{ type: 'paragraph', children: [{ type: 'text', text: 'Tuyển trẻ theo địa bàn phường Hiệp Hòa.' }] }],
      ageGroups: [{ name: 'Nhà trẻ 24–36 tháng tuổi' }],
      documents: [{ name: 'Bản sao giấy khai sinh' }],
    });
    expect(doc).toMatchObject({ id: 'admission:ts1', url: '/tuyen-sinh', summary: 'Nhận hồ sơ từ 15/06/2027 đến 15/07/2027.' });
    expect(doc?.body).toContain('Nhà trẻ 24–36 tháng tuổi');
    expect(doc?.body).toContain('Bản sao giấy khai sinh');
  });
});
