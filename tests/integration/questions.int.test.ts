import { formPayload, SIGNED_FORM_FIELDS, signedHeaders } from '@portal/common/signed-request';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';
import { readMailbox, waitForMail } from '../helpers/mailbox.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const QUESTION = 'api::question.question';
const FAQ = 'api::faq.faq';
const CM = `/content-manager/collection-types/${QUESTION}`;
const FAQ_CM = `/content-manager/collection-types/${FAQ}`;

interface Question {
  documentId: string;
  question: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  consent: boolean;
  handlingStatus: string;
  answer: string | null;
  answeredAt: string | null;
  publicQuestion: string | null;
  publish: boolean;
}
interface Faq {
  documentId: string;
  topic: string;
  question: string;
  answer: string;
}
type Answer = { data?: Question; error?: { message: string } };

let leader: AdminSession;
let teacher: AdminSession;
let itStaff: AdminSession;
let superAdmin: AdminSession;

const site = async (path: string): Promise<{ status: number; text: string }> => {
  const response = await fetch(`${testStack().siteUrl}${path}`, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, text: await response.text() };
};

/** A parent posting the form of /hoi-dap/gui-cau-hoi from the site itself. */
function ask(fields: Record<string, string>) {
  const { siteUrl } = testStack();
  return fetch(`${siteUrl}/hoi-dap/gui-cau-hoi`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: siteUrl },
    body: new URLSearchParams({ loai: 'Hỏi đáp', 'chu-de': 'Tuyển sinh', website: '', ...fields }).toString(),
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  });
}

/**
 * A question as the site sends it to the CMS, signed with the secret the two share: the tests that are
 * about the CMS's rules arrive this way, so that they leave the site's per-address limit to its own test.
 */
async function askCms(fields: Partial<Record<(typeof SIGNED_FORM_FIELDS.question)[number], string>>): Promise<Question> {
  const values = { kind: 'Hỏi đáp', topic: 'Sức khỏe', name: '', email: '', phone: '', consent: 'false', question: '', ...fields };
  const body = formPayload(SIGNED_FORM_FIELDS.question, values);
  const response = await fetch(`${testStack().cmsUrl}/api/questions`, {
    method: 'POST',
    headers: signedHeaders(ensureEnvFiles().site.WEBHOOK_SECRET!, body),
    body,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const found = await findQuestion(values.question);
  if (!found) throw new Error(`question not stored: ${values.question}`);
  return found;
}

async function questions(): Promise<Question[]> {
  const { status, body } = await leader.request<{ results: Question[] }>('GET', `${CM}?page=1&pageSize=100&sort=id:desc`);
  expect(status).toBe(200);
  return body.results;
}
const findQuestion = async (text: string) => (await questions()).find((item) => item.question === text);
const update = (session: AdminSession, documentId: string, data: Record<string, unknown>) => session.request<Answer>('PUT', `${CM}/${documentId}`, data);
const publicFaqs = async () => (await api<{ data: Faq[] }>('/api/faqs?pagination[pageSize]=100')).body.data;

beforeAll(async () => {
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  itStaff = await AdminSession.login('cntt@mnhiephoa.test');
  superAdmin = await AdminSession.login('admin@mnhiephoa.test');
});

describe('a parent asks from the site', () => {
  it('reaches the Ban giám hiệu with name and contact, confirmed in Vietnamese, and their e-mail carries no contact', async () => {
    const text = 'Trường có nhận trẻ 20 tháng tuổi vào giữa năm học không ạ? (thử nghiệm site)';
    const response = await ask({
      'noi-dung': text,
      'ho-ten': 'Đỗ Thị Lan',
      email: 'lan.phuhuynh@example.test',
      'dien-thoai': '0912 000 111',
      'cong-khai': 'co',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Cảm ơn quý phụ huynh!');
    expect(await findQuestion(text)).toMatchObject({
      name: 'Đỗ Thị Lan',
      email: 'lan.phuhuynh@example.test',
      phone: '0912 000 111',
      consent: true,
      handlingStatus: 'Mới',
      publicQuestion: text,
      publish: false,
    });
    const mail = await waitForMail(testStack().mailDir, (m) => m.subject === '[Hỏi đáp] Tuyển sinh' && m.text.includes(text));
    expect(mail.to).toEqual(['hieutruong@mnhiephoa.test']);
    expect(mail.text).not.toContain('0912 000 111');
    expect(mail.text).not.toContain('lan.phuhuynh@example.test');
  });

  it('keeps every field and names each wrong one in Vietnamese, tied to its field, storing nothing', async () => {
    const before = (await questions()).length;
    const response = await ask({
      'chu-de': '',
      'noi-dung': 'Ngắn',
      'ho-ten': 'Bà Ngoại Bé Na',
      email: 'khong-phai-thu',
      'dien-thoai': '12345',
      'cong-khai': 'co',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    for (const message of ['Hãy chọn một chủ đề.', 'ít nhất 10 ký tự', 'Địa chỉ thư điện tử chưa đúng', 'Số điện thoại chưa đúng'])
      expect(html).toContain(message);
    expect(html).toContain('>Ngắn</textarea>');
    expect(html).toContain('value="Bà Ngoại Bé Na"');
    expect(html).toContain('value="khong-phai-thu"');
    expect(html).toMatch(/id="email"[^>]*aria-describedby="loi-email"/);
    expect(html).toMatch(/id="cong-khai"[^>]*checked/);
    expect((await questions()).length).toBe(before);
  });

  it('pretends to accept a robot that fills the honeypot, storing nothing', async () => {
    const before = (await questions()).length;
    const response = await ask({ 'noi-dung': 'Quảng cáo tự động của robot bán hàng.', website: 'http://spam.example' });
    expect(response.status).toBe(200);
    expect((await questions()).length).toBe(before);
  });

  it('takes questions in the CMS only from the site, signed, and checks them again there', async () => {
    const unsigned = await fetch(`${testStack().cmsUrl}/api/questions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'Hỏi đáp', topic: 'Khác', question: 'Giả mạo không có chữ ký số', consent: 'true' }),
    });
    expect(unsigned.status).toBe(403);
    const values = { kind: 'Hỏi đáp', topic: 'Không có', question: 'Chủ đề không có trong danh sách', name: '', email: '', phone: '', consent: 'true' };
    const body = formPayload(SIGNED_FORM_FIELDS.question, values);
    const invalid = await fetch(`${testStack().cmsUrl}/api/questions`, {
      method: 'POST',
      headers: signedHeaders(ensureEnvFiles().site.WEBHOOK_SECRET!, body),
      body,
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toContain('Hãy chọn một chủ đề.');
    expect(await findQuestion(values.question)).toBeUndefined();
  });
});

describe('the Ban giám hiệu answers', () => {
  it('publishes a consented, answered question on /hoi-dap with its public wording only, and e-mails the asker once', async () => {
    const asked = await askCms({
      question: 'Con tôi là Trần Bảo An lớp Mầm 1, cháu bị sốt thì bao lâu được đi học lại ạ? Số tôi 0988 111 222.',
      name: 'Trần Văn Bình',
      email: 'binh.phuhuynh@example.test',
      phone: '0988 111 222',
      consent: 'true',
    });
    // The first draft of the public wording already leaves out the number; the Ban giám hiệu takes out the child's name.
    expect(asked.publicQuestion).toContain('Số tôi [đã ẩn].');
    const publicQuestion = 'Trẻ bị sốt thì bao lâu được đi học lại ạ?';
    const answer = 'Trẻ hết sốt ít nhất 24 giờ (không dùng thuốc hạ sốt) thì đi học lại được. (thử nghiệm)';
    const saved = await update(leader, asked.documentId, { answer, publicQuestion, publish: true });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const after = await findQuestion(asked.question);
    expect(after).toMatchObject({ handlingStatus: 'Đã công khai', publish: true });
    expect(after?.answeredAt).toBeTruthy();

    const published = (await publicFaqs()).find((faq) => faq.answer === answer);
    expect(published).toMatchObject({ topic: 'Sức khỏe', question: publicQuestion });
    expect(Object.keys(published ?? {}).sort()).toEqual([
      'answer',
      'answeredAt',
      'askedAt',
      'createdAt',
      'documentId',
      'id',
      'publishedAt',
      'question',
      'topic',
      'updatedAt',
    ]);

    await waitFor(async () => (await site('/hoi-dap')).text.includes(publicQuestion), 'the answer on /hoi-dap');
    await waitFor(async () => (await site(`/tim-kiem?q=${encodeURIComponent('sốt đi học lại')}`)).text.includes('/hoi-dap#hoi-dap-'), 'the answer in search');
    for (const page of [await site('/hoi-dap'), await site(`/tim-kiem?q=${encodeURIComponent('sốt đi học lại')}`), await site('/hoi-dap?q=s%E1%BB%91t')]) {
      for (const personal of ['Trần Văn Bình', 'Bảo An', 'binh.phuhuynh', '0988 111 222']) expect(page.text).not.toContain(personal);
    }

    const toAsker = await waitForMail(testStack().mailDir, (m) => m.to.includes('binh.phuhuynh@example.test'));
    expect(toAsker.subject).toBe('Nhà trường trả lời câu hỏi của quý phụ huynh');
    expect(toAsker.text).toContain(answer);

    // An unrelated save sends nothing more: the next e-mail to arrive is another asker's.
    expect((await update(leader, asked.documentId, { topic: 'Bán trú – Dinh dưỡng' })).status).toBe(200);
    const other = await askCms({ question: 'Câu hỏi khác để đánh dấu thứ tự thư gửi đi. (thử nghiệm)', email: 'dau-moc@example.test' });
    expect((await update(leader, other.documentId, { answer: 'Đã trả lời riêng qua thư.' })).status).toBe(200);
    await waitForMail(testStack().mailDir, (m) => m.to.includes('dau-moc@example.test'));
    expect((await readMailbox(testStack().mailDir)).filter((m) => m.to.includes('binh.phuhuynh@example.test'))).toHaveLength(1);
    // The topic followed to the public copy.
    expect((await publicFaqs()).find((faq) => faq.answer === answer)?.topic).toBe('Bán trú – Dinh dưỡng');

    // Unticked, it leaves /hoi-dap.
    expect((await update(leader, asked.documentId, { publish: false })).status).toBe(200);
    expect((await publicFaqs()).some((faq) => faq.answer === answer)).toBe(false);
    expect((await findQuestion(asked.question))?.handlingStatus).toBe('Đã trả lời');
  });

  it('never publishes a question whose asker did not consent, on any route the Ban giám hiệu can reach', async () => {
    const asked = await askCms({
      question: 'Cô giáo lớp Chồi 2 có thể gọi cho tôi về việc con hay khóc không? (riêng tư)',
      phone: '0977 333 444',
      consent: 'false',
    });
    const answer = 'Cô giáo chủ nhiệm sẽ gọi lại cho chị trong hôm nay. (riêng tư)';
    const refused = await update(leader, asked.documentId, { answer, publish: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('Người hỏi không đồng ý công khai');
    // The consent is the asker's: setting it in the same save changes nothing.
    const forged = await update(leader, asked.documentId, { answer, consent: true, publish: true });
    expect(forged.status).toBe(400);
    // Answered privately, it stays private.
    expect((await update(leader, asked.documentId, { answer })).status).toBe(200);
    expect(await findQuestion(asked.question)).toMatchObject({ consent: false, handlingStatus: 'Đã trả lời', publish: false });
    // The public type cannot be written in the admin, nor through the API, by anyone.
    for (const session of [leader, superAdmin]) {
      const created = await session.request('POST', FAQ_CM, {
        topic: 'Khác',
        question: asked.question,
        answer,
        askedAt: new Date().toISOString(),
        answeredAt: new Date().toISOString(),
      });
      expect([400, 403]).toContain(created.status);
    }
    expect([401, 403, 405]).toContain((await api('/api/faqs', { method: 'POST', body: { data: { topic: 'Khác', question: asked.question, answer } } })).status);
    const faqs = await publicFaqs();
    expect(faqs.some((faq) => faq.answer === answer || faq.question === asked.question)).toBe(false);
    expect((await site('/hoi-dap')).text).not.toContain('(riêng tư)');
  });

  it('refuses to publish a question without an answer, in Vietnamese', async () => {
    const asked = await askCms({ question: 'Tháng này có họp cha mẹ trẻ không ạ? (chưa trả lời)', consent: 'true' });
    const refused = await update(leader, asked.documentId, { publish: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('Hãy viết câu trả lời trước khi công khai');
    expect((await findQuestion(asked.question))?.handlingStatus).toBe('Mới');
  });

  it('keeps the asker’s words, contact and the server’s fields as they were, whatever the admin sends', async () => {
    const asked = await askCms({ question: 'Câu hỏi gốc của phụ huynh không được sửa. (nguyên văn)', name: 'Người Hỏi', email: 'nguoi-hoi@example.test' });
    const saved = await update(leader, asked.documentId, {
      question: 'Câu hỏi đã bị sửa',
      name: 'Tên khác',
      email: 'ke-gian@example.test',
      handlingStatus: 'Đã công khai',
      answeredAt: '2020-01-01T00:00:00.000Z',
    });
    expect(saved.status).toBe(200);
    expect(await findQuestion(asked.question)).toMatchObject({ name: 'Người Hỏi', email: 'nguoi-hoi@example.test', handlingStatus: 'Mới', answeredAt: null });
  });
});

describe('who reads parents’ questions', () => {
  it('keeps them from staff and the Tổ CNTT on every content-manager route', async () => {
    const asked = await askCms({ question: 'Câu hỏi có số điện thoại riêng của phụ huynh. (quyền xem)', phone: '0966 555 444', consent: 'true' });
    for (const session of [teacher, itStaff]) {
      const attempts = [
        await session.request('GET', `${CM}?page=1&pageSize=100`),
        await session.request('GET', `${CM}?filters[phone][$contains]=0966`),
        await session.request('GET', `${CM}/${asked.documentId}`),
        await session.request('POST', `${CM}/clone/${asked.documentId}`, {}),
        await session.request('POST', `${CM}/actions/bulkDelete`, { documentIds: [asked.documentId] }),
        await session.request('POST', `${CM}/actions/countManyEntriesDraftRelations`, { documentIds: [asked.documentId] }),
        await session.request('GET', `/content-manager/relations/${QUESTION}/topic?id=${asked.documentId}`),
        await session.request('PUT', `${CM}/${asked.documentId}`, { answer: 'Trả lời trái phép' }),
      ];
      for (const attempt of attempts) {
        expect([400, 403, 404, 405]).toContain(attempt.status);
        expect(JSON.stringify(attempt.body)).not.toContain('0966 555 444');
      }
    }
    expect(await findQuestion(asked.question)).toMatchObject({ answer: null, phone: '0966 555 444' });
  });

  it('shows the Super Admin a question without the asker’s name, e-mail or phone, on every route, and its answer keeps them', async () => {
    const asked = await askCms({
      question: 'Xin gọi lại cho tôi theo số 0933 222 111 về việc đưa đón con. (quản trị hệ thống)',
      name: 'Trần Văn Bình',
      email: 'binh.phuhuynh@example.test',
      phone: '0933 222 111',
      consent: 'true',
    });
    const secrets = /Trần Văn Bình|binh\.phuhuynh|0933 222 111/;
    const list = await superAdmin.request<{ results: Question[] }>('GET', `${CM}?page=1&pageSize=100&sort=id:desc`);
    expect(list.status).toBe(200);
    const listed = list.body.results.find((item) => item.documentId === asked.documentId);
    expect(listed).toMatchObject({ name: null, email: null, phone: null });
    expect(listed?.question).toBe('Xin gọi lại cho tôi theo số [đã ẩn] về việc đưa đón con. (quản trị hệ thống)');
    const one = await superAdmin.request<{ data: Question }>('GET', `${CM}/${asked.documentId}`);
    expect(one.status).toBe(200);
    expect(JSON.stringify(one.body)).not.toMatch(secrets);
    // Searching or sorting by who asked would tell who asked, even with the answer masked.
    for (const probe of [
      `${CM}?filters[phone][$contains]=0933`,
      `${CM}?filters[$or][0][email][$contains]=binh`,
      `${CM}?filters[question][$contains]=0933`,
      `${CM}?sort=name:asc`,
      `${CM}?_q=0933`,
    ]) {
      const refused = await superAdmin.request<{ error?: { message: string } }>('GET', probe);
      expect(refused.status, probe).toBe(403);
      expect(refused.body.error?.message, probe).toContain('Chỉ Ban giám hiệu tìm và sắp xếp được');
    }
    // The Super Admin may still answer; the save returns no contact and loses none.
    const answered = await update(superAdmin, asked.documentId, { answer: 'Nhà trường sẽ gọi lại cho anh chiều nay.', name: 'Người khác' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(JSON.stringify(answered.body)).not.toMatch(secrets);
    expect(await findQuestion(asked.question)).toMatchObject({
      name: 'Trần Văn Bình',
      email: 'binh.phuhuynh@example.test',
      phone: '0933 222 111',
      handlingStatus: 'Đã trả lời',
    });
    // The Ban giám hiệu sees them, and searches by them.
    const found = await leader.request<{ results: Question[] }>('GET', `${CM}?filters[phone][$contains]=0933`);
    expect(found.status).toBe(200);
    expect(found.body.results.map((item) => item.phone)).toEqual(['0933 222 111']);
  });

  it('keeps them from the site token: no route, no filter on the public copy that could reach a contact', async () => {
    for (const path of ['/api/questions', `/api/questions?filters[phone][$contains]=09`]) expect([403, 404]).toContain((await api(path)).status);
    for (const path of [
      '/api/faqs?filters[email][$contains]=@',
      '/api/faqs?filters[phone][$notNull]=true',
      '/api/faqs?populate=*',
      '/api/faqs?fields[0]=email',
    ]) {
      const { status, body } = await api(path);
      expect(JSON.stringify(body)).not.toMatch(/example\.test|0966 555 444|0977 333 444/);
      expect([200, 400]).toContain(status);
    }
  });
});

describe('the demo questions', () => {
  it('show the published ones grouped by topic, and never the private or unanswered ones', async () => {
    const { status, text } = await site('/hoi-dap');
    expect(status).toBe(200);
    const headings = [...text.matchAll(/<h2 id="chu-de-\d+"[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings.slice(0, 3)).toEqual(['Tuyển sinh', 'Học phí – Khoản thu', 'Bán trú – Dinh dưỡng']);
    expect(text).toContain('Con sinh tháng 10 năm 2024 thì năm học này đã được nhận vào nhóm trẻ của trường chưa ạ?');
    expect(text).toContain('Con tôi bị dị ứng tôm và trứng.');
    for (const hidden of ['nền gạch bị vỡ', 'tham quan không ạ', 'Nguyễn Thị Hoa', '0912 345 678', 'Phạm Thu Hà', 'Lê Minh Tuấn'])
      expect(text).not.toContain(hidden);
  });
});

describe('the per-address limit', () => {
  it('stops one address after a few questions, keeping the text', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 7; i += 1) {
      last = await ask({ 'noi-dung': `Câu hỏi lặp lại số ${i} để thử giới hạn.` });
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    const html = await last!.text();
    expect(html).toContain('nhiều lần trong thời gian ngắn');
    expect(html).toContain('để thử giới hạn.</textarea>');
  });
});
