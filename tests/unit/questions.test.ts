import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isPhoneNumber, QUESTION_KINDS, QUESTION_STATUS, QUESTION_TOPICS, type QuestionInput, questionErrors, withoutContacts } from '@portal/common/questions';
import { formPayload, SIGNED_FORM_FIELDS } from '@portal/common/signed-request';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const schema = (key: string) =>
  JSON.parse(readFileSync(path.join(root, 'cms', 'src', 'api', key, 'content-types', key, 'schema.json'), 'utf8')) as {
    attributes: Record<string, { enum?: string[] }>;
  };

const valid: QuestionInput = {
  kind: 'Hỏi đáp',
  topic: 'Tuyển sinh',
  question: 'Con tôi sinh tháng 10 có được nhận vào nhóm trẻ không ạ?',
  name: '',
  email: '',
  phone: '',
  consent: 'false',
};

describe('the rules of a parent question', () => {
  it('accepts a question with neither name nor contact', () => {
    expect(questionErrors(valid)).toEqual({});
  });

  it('names each wrong field in Vietnamese', () => {
    const errors = questionErrors({
      kind: 'Khiếu nại',
      topic: 'Thời tiết',
      question: 'Ngắn',
      name: 'x'.repeat(101),
      email: 'không phải thư',
      phone: '12345',
      consent: 'có',
    });
    expect(Object.keys(errors).sort()).toEqual(['consent', 'email', 'kind', 'name', 'phone', 'question', 'topic']);
    expect(errors.question).toContain('ít nhất 10 ký tự');
    expect(errors.email).toContain('thư điện tử');
  });

  it('refuses a question longer than the limit', () => {
    expect(questionErrors({ ...valid, question: 'a'.repeat(2001) }).question).toContain('tối đa 2000');
  });

  it.each(['0912 345 678', '0912.345.678', '+84 912 345 678', '0203 3876 123'])('accepts the phone number %s', (phone) => {
    expect(isPhoneNumber(phone)).toBe(true);
  });

  it.each(['912345678', '0912', '+1 555 0100 200', 'gọi tôi'])('refuses %s as a phone number', (phone) => {
    expect(isPhoneNumber(phone)).toBe(false);
  });

  it('takes e-mail addresses and phone numbers out of the first draft of the public wording, and leaves years and amounts', () => {
    expect(withoutContacts('Gọi tôi 0912 345 678 hoặc +84 987.654.321, thư me.be@gmail.com. Cháu sinh năm 2024, tiền ăn 25000 đồng.')).toBe(
      'Gọi tôi [đã ẩn] hoặc [đã ẩn], thư [đã ẩn]. Cháu sinh năm 2024, tiền ăn 25000 đồng.',
    );
  });

  it('lists the same kinds and topics as the CMS schemas, so the site never offers what the CMS refuses', () => {
    expect(schema('question').attributes.kind?.enum).toEqual([...QUESTION_KINDS]);
    expect(schema('question').attributes.topic?.enum).toEqual([...QUESTION_TOPICS]);
    expect(schema('question').attributes.handlingStatus?.enum).toEqual(Object.values(QUESTION_STATUS));
    expect(schema('faq').attributes.topic?.enum).toEqual([...QUESTION_TOPICS]);
  });

  it('gives the public copy no field that could hold a name or a contact', () => {
    expect(Object.keys(schema('faq').attributes).sort()).toEqual(['answer', 'answeredAt', 'askedAt', 'question', 'topic']);
  });

  it('signs exactly the fields of the form, in order, whatever else the body holds', () => {
    const payload = formPayload(SIGNED_FORM_FIELDS.question, { ...valid, extra: 'x', consent: 'true' });
    expect(Object.keys(JSON.parse(payload) as object)).toEqual([...SIGNED_FORM_FIELDS.question]);
    expect(payload).not.toContain('extra');
  });
});
