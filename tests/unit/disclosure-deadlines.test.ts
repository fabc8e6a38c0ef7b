import {
  addWorkingDays,
  annualDueOn,
  CHANGE_LISTED_DAYS,
  changeDueOn,
  changeDuty,
  changeListed,
  DUTY_STATUS_LABELS,
  dayText,
  disclosureDuty,
  dutiesAround,
  dutyStatus,
  monthlyPlanDueOn,
  reminderDue,
  schoolYearOf,
  weeklyMenuDueOn,
} from '@portal/common/disclosure-deadlines';
import { describe, expect, it } from 'vitest';

/** An instant given as Vietnam wall-clock time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`);

describe('due days of the disclosure duties', () => {
  it('puts the annual disclosures of a school year on 30 June at its end', () => {
    expect(annualDueOn('2026-2027')).toBe('2027-06-30');
    expect(annualDueOn('2026-2028')).toBeNull();
    expect(annualDueOn(null)).toBeNull();
  });

  it("puts a month's education plan on the 25th of the month before, across a new year", () => {
    expect(monthlyPlanDueOn(2026, 12)).toBe('2026-11-25');
    expect(monthlyPlanDueOn(2027, 1)).toBe('2026-12-25');
  });

  it("puts a week's menu on the Saturday before its Monday, across months and years", () => {
    expect(weeklyMenuDueOn('2026-12-07')).toBe('2026-12-05');
    expect(weeklyMenuDueOn('2027-01-04')).toBe('2027-01-02');
    expect(weeklyMenuDueOn('2026-03-02')).toBe('2026-02-28');
  });

  it('recognises a monthly plan by its title and treats other disclosures as annual', () => {
    expect(disclosureDuty({ schoolYear: '2026-2027', title: 'Kế hoạch giáo dục tháng 12/2026' })).toEqual({ kind: 'monthly-plan', dueOn: '2026-11-25' });
    expect(disclosureDuty({ schoolYear: '2026-2027', title: 'KẾ HOẠCH GIÁO DỤC THÁNG 1 / 2027' })).toEqual({ kind: 'monthly-plan', dueOn: '2026-12-25' });
    expect(disclosureDuty({ schoolYear: '2026-2027', title: 'Các khoản thu năm học 2026-2027' })).toEqual({ kind: 'annual', dueOn: '2027-06-30' });
    expect(disclosureDuty({ schoolYear: 'x', title: 'Không rõ năm' })).toBeNull();
  });
});

describe('the status of a duty at fixed dates (Vietnam time)', () => {
  const due = '2026-12-05';

  it('is on time when first published during the due day in Vietnam, even when UTC is already past it', () => {
    expect(dutyStatus(due, vn('2026-12-05T23:59:59'), vn('2026-12-20T08:00:00'))).toBe('on-time');
    expect(dutyStatus(due, '2026-12-05T16:59:59.000Z', vn('2026-12-20T08:00:00'))).toBe('on-time');
  });

  it('is late when first published after the due day, in Vietnam time', () => {
    expect(dutyStatus(due, vn('2026-12-06T00:00:00'), vn('2026-12-20T08:00:00'))).toBe('late');
    expect(dutyStatus(due, '2026-12-05T17:00:00.000Z', vn('2026-12-20T08:00:00'))).toBe('late');
  });

  it('is overdue from midnight after the due day while unpublished', () => {
    expect(dutyStatus(due, null, vn('2026-12-05T23:59:59'))).toBe('due-soon');
    expect(dutyStatus(due, null, vn('2026-12-06T00:00:00'))).toBe('overdue');
  });

  it('is due soon from three days ahead, and not yet due before that', () => {
    expect(dutyStatus(due, null, vn('2026-12-01T23:59:59'))).toBe('upcoming');
    expect(dutyStatus(due, null, vn('2026-12-02T00:00:00'))).toBe('due-soon');
  });

  it('makes a week without a published menu by Saturday overdue on Sunday', () => {
    const saturday = weeklyMenuDueOn('2026-12-07');
    expect(dutyStatus(saturday, undefined, vn('2026-12-05T20:00:00'))).toBe('due-soon');
    expect(dutyStatus(saturday, undefined, vn('2026-12-06T00:00:01'))).toBe('overdue');
  });

  it('is named in Vietnamese', () => {
    expect(DUTY_STATUS_LABELS).toEqual({
      'on-time': 'Đúng hạn',
      late: 'Công khai muộn',
      overdue: 'Quá hạn',
      'due-soon': 'Sắp đến hạn',
      upcoming: 'Chưa đến hạn',
    });
  });
});

describe('reminders of a duty', () => {
  const due = '2026-12-05';

  it('are due three days before and on the day, and not outside those days', () => {
    expect(reminderDue(due, false, vn('2026-12-01T23:59:59'))).toBeNull();
    expect(reminderDue(due, false, vn('2026-12-02T00:00:00'))).toBe('before');
    expect(reminderDue(due, false, vn('2026-12-04T23:59:59'))).toBe('before');
    expect(reminderDue(due, false, vn('2026-12-05T00:00:00'))).toBe('on-day');
    expect(reminderDue(due, false, vn('2026-12-06T00:00:00'))).toBeNull();
  });

  it('are not due once the duty is published', () => {
    expect(reminderDue(due, true, vn('2026-12-05T08:00:00'))).toBeNull();
  });
});

describe('the duties followed on a day', () => {
  it('are the annual sections of the running school year, two monthly plans and five weeks of menus', () => {
    const duties = dutiesAround('2026-12-01');
    expect(duties.filter((d) => d.kind === 'annual').map((d) => [d.subject, d.dueOn])).toEqual([
      ['Thông tin chung', '2027-06-30'],
      ['Cam kết chất lượng và kế hoạch', '2027-06-30'],
      ['Điều kiện bảo đảm chất lượng', '2027-06-30'],
      ['Tài chính', '2027-06-30'],
      ['Báo cáo thường niên', '2027-06-30'],
    ]);
    expect(duties.filter((d) => d.kind === 'monthly-plan').map((d) => [d.title, d.dueOn])).toEqual([
      ['Kế hoạch giáo dục tháng 12/2026', '2026-11-25'],
      ['Kế hoạch giáo dục tháng 1/2027', '2026-12-25'],
    ]);
    // 01/12/2026 is a Tuesday: its week began on Monday 30/11.
    expect(duties.filter((d) => d.kind === 'weekly-menu').map((d) => [d.subject, d.dueOn])).toEqual([
      ['2026-11-09', '2026-11-07'],
      ['2026-11-16', '2026-11-14'],
      ['2026-11-23', '2026-11-21'],
      ['2026-11-30', '2026-11-28'],
      ['2026-12-07', '2026-12-05'],
    ]);
    expect(new Set(duties.map((d) => d.key)).size).toBe(duties.length);
  });

  it('change school year in September', () => {
    expect(schoolYearOf('2027-08-31')).toBe('2026-2027');
    expect(schoolYearOf('2027-09-01')).toBe('2027-2028');
  });
});

describe('working days', () => {
  it('count Monday to Friday and skip the weekend', () => {
    // Monday 07/12/2026: five working days is the next Monday, ten the Monday after.
    expect(addWorkingDays('2026-12-07', 1)).toBe('2026-12-08');
    expect(addWorkingDays('2026-12-07', 4)).toBe('2026-12-11');
    expect(addWorkingDays('2026-12-07', 5)).toBe('2026-12-14');
    expect(addWorkingDays('2026-12-07', 10)).toBe('2026-12-21');
    // From a Friday, the first working day is the Monday after.
    expect(addWorkingDays('2026-12-11', 1)).toBe('2026-12-14');
  });

  it('start counting after a weekend day on the Monday, so Saturday and Sunday give the same day as the Friday', () => {
    expect(addWorkingDays('2026-12-12', 10)).toBe('2026-12-25');
    expect(addWorkingDays('2026-12-13', 10)).toBe('2026-12-25');
    expect(addWorkingDays('2026-12-11', 10)).toBe('2026-12-25');
  });

  it('cross the end of a month, of a year and of February in a leap year', () => {
    expect(addWorkingDays('2026-11-27', 3)).toBe('2026-12-02');
    expect(addWorkingDays('2026-12-28', 10)).toBe('2027-01-11');
    expect(addWorkingDays('2028-02-25', 2)).toBe('2028-02-29');
    expect(addWorkingDays('2028-02-25', 3)).toBe('2028-03-01');
  });

  it('do not skip Vietnamese public holidays: 30/4 and 1/5 count, so the due day errs on the early side', () => {
    // Thursday 30/04/2026 and Friday 01/05/2026 are days off, counted here as working days.
    expect(addWorkingDays('2026-04-29', 2)).toBe('2026-05-01');
  });

  it('refuse a day that is not a calendar day', () => {
    expect(() => addWorkingDays('07/12/2026', 1)).toThrow(/not a calendar day/);
  });
});

describe('the duty of publishing a change within 10 working days', () => {
  const change = { documentId: 'abc123', title: 'Các khoản thu năm học 2026-2027', schoolYear: '2026-2027', changedOn: '2026-12-04' };

  it('is due ten working days after the day the disclosed fact changed', () => {
    expect(changeDueOn('2026-12-04')).toBe('2026-12-18');
    expect(changeDuty(change)).toEqual({
      key: 'change:abc123:2026-12-04',
      kind: 'change',
      title: 'Thay đổi ngày 04/12/2026: Các khoản thu năm học 2026-2027',
      dueOn: '2026-12-18',
      subject: 'abc123',
      schoolYear: '2026-2027',
    });
  });

  it('is one duty per document and day of change', () => {
    expect(changeDuty({ ...change, changedOn: '2026-12-07' }).key).toBe('change:abc123:2026-12-07');
    expect(changeDuty({ ...change, documentId: 'other' }).key).not.toBe(changeDuty(change).key);
  });

  it('is on time when the change is published by the end of its due day in Vietnam, late from midnight Vietnam time', () => {
    const due = changeDuty(change).dueOn;
    expect(dutyStatus(due, vn('2026-12-18T23:59:59'), vn('2026-12-30T08:00:00'))).toBe('on-time');
    // 17:00 UTC on 18/12 is already 19/12 in Vietnam.
    expect(dutyStatus(due, '2026-12-18T16:59:59.000Z', vn('2026-12-30T08:00:00'))).toBe('on-time');
    expect(dutyStatus(due, '2026-12-18T17:00:00.000Z', vn('2026-12-30T08:00:00'))).toBe('late');
  });

  it('is due soon three days ahead and overdue after its due day while the change is unpublished, with reminders like every duty', () => {
    const due = changeDuty(change).dueOn;
    expect(dutyStatus(due, null, vn('2026-12-14T23:59:59'))).toBe('upcoming');
    expect(dutyStatus(due, null, vn('2026-12-15T00:00:00'))).toBe('due-soon');
    expect(dutyStatus(due, null, vn('2026-12-19T00:00:00'))).toBe('overdue');
    expect(reminderDue(due, false, vn('2026-12-15T07:00:00'))).toBe('before');
    expect(reminderDue(due, false, vn('2026-12-18T07:00:00'))).toBe('on-day');
    expect(reminderDue(due, true, vn('2026-12-18T07:00:00'))).toBeNull();
  });

  it('is listed while unpublished, however old, and for four weeks after its due day once published', () => {
    expect(changeListed('2025-01-10', false, '2026-12-01')).toBe(true);
    expect(changeListed('2026-11-03', true, '2026-12-01')).toBe(true);
    expect(CHANGE_LISTED_DAYS).toBe(28);
    expect(changeListed('2026-11-03', true, '2026-12-02')).toBe(false);
  });

  it('writes days the Vietnamese way', () => {
    expect(dayText('2027-01-04')).toBe('04/01/2027');
  });
});
