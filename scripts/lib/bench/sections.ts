/**
 * The bench dataset's newer sections: the Ban giám hiệu's weekly work calendar, photo albums, parents'
 * questions answered on Hỏi đáp, and enrolment seasons. Pure (no I/O) and drawn from their own seeded
 * stream, so that the older sections of the dataset stay byte-for-byte what they were.
 */
import type { QUESTION_TOPICS } from '@portal/common/questions';
import type { Block } from '../blocks.ts';
import type { Photo } from './generate.ts';
import type { Random } from './prng.ts';
import { CLASS_GROUPS, slugOf } from './text.ts';

const DAY = 86_400_000;
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

// ── Lịch công tác tuần ───────────────────────────────────────────────────────

export interface WorkEntry {
  date: string;
  startTime: string;
  endTime: string | null;
  content: string;
  presiding: string | null;
  participants: string | null;
  place: string | null;
}

export interface WorkWeek {
  weekStart: string;
  note: string | null;
  entries: WorkEntry[];
  /** Published first with one entry as it was planned, then published again as it happened (the page marks it changed). */
  amended: { index: number; before: Pick<WorkEntry, 'startTime' | 'endTime' | 'place'> } | null;
}

const PRINCIPALS = ['Đ/c Nguyễn Thị Hạnh, Hiệu trưởng', 'Đ/c Phạm Thị Thanh Vân, Hiệu trưởng'];
const DEPUTIES = ['Đ/c Vũ Thị Lan, Phó Hiệu trưởng', 'Đ/c Đỗ Thị Minh Nguyệt, Phó Hiệu trưởng', 'Đ/c Vũ Thị Thu Hà, Phó Hiệu trưởng'];
/** [content, participants, place]; `{lop}` becomes a class. */
const WORK_ITEMS: [string, string, string][] = [
  ['Dự giờ hoạt động học lớp {lop}', 'Tổ trưởng chuyên môn, giáo viên lớp {lop}', 'Lớp {lop}'],
  ['Kiểm tra nề nếp bán trú: giờ ăn trưa, chăm sóc trẻ ngủ', 'Nhân viên y tế, tổ nuôi dưỡng', 'Các lớp'],
  ['Kiểm tra giao nhận thực phẩm, lưu mẫu thức ăn theo quy định', 'Nhân viên y tế, kế toán, đại diện cha mẹ trẻ', 'Bếp ăn bán trú'],
  ['Sinh hoạt chuyên môn khối Mẫu giáo', 'Giáo viên khối Mẫu giáo', 'Phòng họp'],
  ['Sinh hoạt chuyên môn khối Nhà trẻ', 'Giáo viên khối Nhà trẻ', 'Phòng họp'],
  ['Kiểm tra hồ sơ, sổ sách của giáo viên', 'Giáo viên các lớp', 'Văn phòng'],
  ['Làm việc với Phòng Giáo dục và Đào tạo thị xã Quảng Yên', 'Ban giám hiệu, kế toán', 'Phòng Giáo dục và Đào tạo thị xã Quảng Yên'],
  [
    'Tập huấn chuyển đổi số trong quản lý và tổ chức hoạt động giáo dục',
    'Tổ công nghệ thông tin, tổ trưởng chuyên môn',
    'Phòng Giáo dục và Đào tạo thị xã Quảng Yên',
  ],
  ['Họp Chi bộ thường kỳ', 'Toàn thể đảng viên Chi bộ', 'Phòng họp'],
  ['Họp Ban đại diện cha mẹ trẻ', 'Ban đại diện cha mẹ trẻ các lớp', 'Hội trường'],
  ['Kiểm tra vệ sinh môi trường, an toàn đồ chơi ngoài trời', 'Nhân viên bảo vệ, tổ văn phòng', 'Sân trường'],
  ['Tổ chức cho trẻ khám sức khỏe định kỳ', 'Trạm Y tế phường Hiệp Hòa, nhân viên y tế', 'Phòng y tế'],
  ['Duyệt kế hoạch giáo dục tháng của các lớp', 'Tổ trưởng chuyên môn', 'Văn phòng'],
  ['Họp Hội đồng sư phạm', 'Toàn thể cán bộ, giáo viên, nhân viên', 'Hội trường'],
  ['Kiểm tra công tác phòng cháy, chữa cháy', 'Đội phòng cháy chữa cháy cơ sở', 'Toàn trường'],
  ['Dự Hội nghị giao ban cấp học mầm non', 'Hiệu trưởng', 'Phòng Giáo dục và Đào tạo thị xã Quảng Yên'],
];
const SLOTS: [string, string][] = [
  ['07:30', '08:30'],
  ['08:00', '09:30'],
  ['09:00', '10:30'],
  ['10:00', '11:00'],
  ['13:30', '15:00'],
  ['14:00', '16:00'],
  ['15:00', '16:30'],
  ['16:45', '17:30'],
];
const PLACES_AMENDED = ['Hội trường', 'Phòng họp', 'Thư viện thân thiện', 'Phòng giáo dục thể chất'];
const WEEK_NOTES = [
  'Các bộ phận chủ động thực hiện nhiệm vụ được giao; nội dung phát sinh Ban giám hiệu sẽ thông báo bổ sung.',
  'Giáo viên các lớp hoàn thành hồ sơ chuyên môn trước thứ Sáu.',
  'Tăng cường vệ sinh phòng dịch, theo dõi sức khỏe trẻ hằng ngày.',
];

const addDays = (day: string, days: number) => isoDate(Date.parse(`${day}T00:00:00Z`) + days * DAY);

/** `count` Mondays spread evenly over the Mondays from `first` (a Monday) to before `end`. */
export function mondays(first: number, end: number, count: number): string[] {
  const all: string[] = [];
  for (let time = first; time < end; time += 7 * DAY) all.push(isoDate(time));
  const n = Math.min(count, all.length);
  return Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)] as string);
}

export function workWeeks(random: Random, first: number, end: number, count: number): WorkWeek[] {
  return mondays(first, end, count).map((weekStart, weekIndex) => {
    const entries: WorkEntry[] = [
      {
        date: weekStart,
        startTime: '07:15',
        endTime: '07:45',
        content: 'Chào cờ đầu tuần; nhận xét nề nếp tuần trước, phổ biến kế hoạch tuần',
        presiding: random.pick(PRINCIPALS),
        participants: 'Toàn thể cán bộ, giáo viên, nhân viên và trẻ',
        place: 'Sân trường',
      },
    ];
    // Monday to Friday, and a Saturday now and then: two to four entries a day.
    const days = random.chance(0.2) ? 6 : 5;
    for (let day = 0; day < days; day += 1) {
      const perDay = day === 5 ? 1 : random.int(2, 4);
      const slots = new Set<number>();
      while (slots.size < perDay) slots.add(random.int(day === 0 ? 1 : 0, SLOTS.length - 1));
      for (const slot of [...slots].sort((a, b) => a - b)) {
        const [content, participants, place] = random.pick(WORK_ITEMS);
        const lop = random.pick(CLASS_GROUPS);
        const [startTime, endTime] = SLOTS[slot] as [string, string];
        entries.push({
          date: addDays(weekStart, day),
          startTime,
          endTime: random.chance(0.85) ? endTime : null,
          content: content.replaceAll('{lop}', lop),
          presiding: random.pick([...PRINCIPALS, ...DEPUTIES]),
          participants: participants.replaceAll('{lop}', lop),
          place: place.replaceAll('{lop}', lop),
        });
      }
    }
    // About one week in four changes after it was published: a meeting moved to another time or room.
    let amended: WorkWeek['amended'] = null;
    if (weekIndex % 4 === 1) {
      const index = random.int(1, entries.length - 1);
      const entry = entries[index] as WorkEntry;
      amended = { index, before: { startTime: entry.startTime, endTime: entry.endTime, place: entry.place } };
      const [start, end] = random.pick(SLOTS.filter(([s]) => s !== entry.startTime));
      entry.startTime = start;
      entry.endTime = entry.endTime === null ? null : end;
      entry.place = random.pick(PLACES_AMENDED.filter((p) => p !== entry.place));
    }
    return { weekStart, note: random.chance(0.5) ? random.pick(WEEK_NOTES) : null, entries, amended };
  });
}

// ── Thư viện ảnh ─────────────────────────────────────────────────────────────

export interface Album {
  title: string;
  slug: string;
  date: string;
  classGroup: string;
  description: string;
  /** Index of the activity whose gallery the album shows, when it has no photos of its own. */
  activity: number | null;
  photos: Photo[];
}

export interface AlbumSource {
  title: string;
  date: string;
  classGroup: string;
  galleryCount: number;
}

const OWN_ALBUMS: [string, string][] = [
  ['Một ngày của bé ở trường', 'Giờ đón trẻ, giờ hoạt động học, giờ ăn và giờ ngủ trưa của các bé'],
  ['Bé vui Tết Trung thu', 'Các bé rước đèn, phá cỗ và xem múa lân trong đêm hội trăng rằm'],
  ['Ngày hội đến trường', 'Những hình ảnh đầu tiên của năm học mới'],
  ['Bé với vườn rau của lớp', 'Các bé gieo hạt, tưới rau và thu hoạch trong vườn trường'],
  ['Lễ ra trường của các bé Mẫu giáo lớn', 'Các bé 5 tuổi chia tay cô giáo và mái trường mầm non'],
  ['Tết của bé', 'Các bé gói bánh chưng, trang trí cây đào và chúc Tết ông bà, cha mẹ'],
];
const OWN_CAPTIONS = [
  'Các bé xếp hàng vào lớp',
  'Cô giáo hướng dẫn các bé',
  'Các bé vui chơi ngoài sân',
  'Giờ ăn trưa của các bé',
  'Các bé biểu diễn văn nghệ',
  'Ảnh lưu niệm của cả lớp',
  'Các bé tham gia trò chơi dân gian',
  'Phụ huynh cùng các bé',
];

/**
 * `count` albums in date order, spread over the activities: most show an activity's gallery (every fifth,
 * or one whose activity has no gallery, has photos of its own, six to twelve).
 */
export function albums(random: Random, sources: readonly AlbumSource[], count: number): Album[] {
  const out: Album[] = [];
  for (let i = 0; i < count; i += 1) {
    const index = Math.min(sources.length - 1, Math.floor(((i + 0.5) * sources.length) / count));
    const source = sources[index] as AlbumSource;
    const own = i % 5 === 4 || source.galleryCount === 0;
    const year = source.date.slice(0, 4);
    if (!own) {
      const title = `Ảnh: ${source.title}`.slice(0, 200);
      out.push({
        title,
        slug: `${slugOf(title)}-album-${i + 1}`.slice(0, 220),
        date: source.date,
        classGroup: source.classGroup,
        description: `Hình ảnh hoạt động "${source.title}" của lớp ${source.classGroup}.`.slice(0, 1000),
        activity: index,
        photos: [],
      });
      continue;
    }
    const [name, description] = random.pick(OWN_ALBUMS);
    const classGroup = random.pick(CLASS_GROUPS);
    const title = `${name} – lớp ${classGroup} năm ${year}`;
    const key = `bench-album-${i + 1}`;
    out.push({
      title,
      slug: `${slugOf(title)}-album-${i + 1}`.slice(0, 220),
      date: source.date,
      classGroup,
      description: `${description}.`,
      activity: null,
      photos: Array.from({ length: random.int(6, 12) }, (_, k) => ({
        name: `${key}-anh-${k + 1}.jpg`,
        alt: `${random.pick(OWN_CAPTIONS)} (lớp ${classGroup})`,
        hue: random.int(0, 359),
        seed: random.int(1, 1_000_000),
      })),
    });
  }
  return out;
}

// ── Hỏi đáp ──────────────────────────────────────────────────────────────────

export type QuestionTopic = (typeof QUESTION_TOPICS)[number];

export interface Question {
  kind: 'Hỏi đáp' | 'Góp ý';
  topic: QuestionTopic;
  question: string;
  publicQuestion: string;
  name: string;
  phone: string | null;
  consent: boolean;
  askedAt: string;
  answer: string;
  answeredAt: string;
  /** On /hoi-dap (the asker consented); the others are answered privately. */
  publish: boolean;
}

/** [question, answer] per topic; `{lop}`, `{nam}` (the school year) and `{thang}` are filled in. */
const QA: Record<QuestionTopic, [string, string][]> = {
  'Tuyển sinh': [
    [
      'Con tôi sinh tháng {thang} thì năm học {nam} đã được nhận vào nhóm trẻ của trường chưa ạ?',
      'Nhà trường nhận trẻ từ 18 tháng tuổi theo kế hoạch tuyển sinh năm học {nam} được Phòng Giáo dục và Đào tạo thị xã Quảng Yên phê duyệt. Quý phụ huynh mang bản sao giấy khai sinh và sổ tiêm chủng của con đến văn phòng nhà trường để làm hồ sơ khi còn chỉ tiêu.',
    ],
    [
      'Gia đình tôi mới chuyển đến phường Hiệp Hòa giữa năm học {nam}, con có được vào học ngay không ạ?',
      'Trẻ cư trú trên địa bàn phường được nhận vào học trong năm khi lớp còn chỉ tiêu. Quý phụ huynh liên hệ văn phòng nhà trường trong giờ hành chính, mang theo giấy tờ cư trú và giấy chuyển trường (nếu có).',
    ],
    [
      'Hồ sơ tuyển sinh năm học {nam} gồm những giấy tờ gì và nộp ở đâu ạ?',
      'Hồ sơ gồm đơn xin nhập học, bản sao giấy khai sinh, sổ tiêm chủng và giấy xác nhận cư trú của trẻ. Quý phụ huynh nộp trực tiếp tại văn phòng nhà trường hoặc đăng ký trực tuyến rồi mang hồ sơ gốc đến đối chiếu.',
    ],
  ],
  'Học phí – Khoản thu': [
    [
      'Tiền ăn bán trú năm học {nam} mỗi ngày là bao nhiêu, ngày con nghỉ ốm có được trả lại không ạ?',
      'Mức tiền ăn do Hội nghị cha mẹ trẻ đầu năm thống nhất và được công khai tại mục Công khai. Tiền ăn thu theo số ngày trẻ thực ăn: ngày trẻ nghỉ có báo trước được trừ vào tháng sau.',
    ],
    [
      'Nhà trường có miễn, giảm học phí cho trẻ thuộc hộ cận nghèo không ạ?',
      'Trẻ thuộc hộ nghèo, cận nghèo được miễn, giảm học phí và hỗ trợ tiền ăn theo quy định hiện hành. Quý phụ huynh nộp đơn kèm giấy chứng nhận hộ nghèo, cận nghèo cho giáo viên chủ nhiệm trong tháng {thang}.',
    ],
  ],
  'Bán trú – Dinh dưỡng': [
    [
      'Con tôi học lớp {lop}, bị dị ứng tôm và trứng. Ở trường có nấu riêng cho cháu được không?',
      'Có. Quý phụ huynh ghi rõ thức ăn trẻ bị dị ứng vào phiếu thông tin sức khỏe và gửi kèm giấy của bác sĩ nếu có. Nhân viên y tế báo cho tổ nuôi dưỡng để thay món phù hợp cho trẻ.',
    ],
    [
      'Thực đơn của các con được xây dựng thế nào, phụ huynh xem ở đâu ạ?',
      'Thực đơn được xây dựng theo mùa, bảo đảm nhu cầu năng lượng và vi chất theo độ tuổi, và được đăng hằng tuần ở mục Thực đơn của trang thông tin điện tử.',
    ],
  ],
  'Sức khỏe': [
    [
      'Trường có tổ chức khám sức khỏe cho trẻ trong năm học {nam} không ạ?',
      'Nhà trường phối hợp với Trạm Y tế phường Hiệp Hòa khám sức khỏe định kỳ cho trẻ hai lần mỗi năm học và cân, đo theo dõi biểu đồ tăng trưởng hằng quý. Kết quả được gửi tới gia đình qua giáo viên chủ nhiệm.',
    ],
    [
      'Con tôi ở lớp {lop} hay bị sốt khi trời chuyển mùa, cô giáo xử lý thế nào khi con sốt ở lớp ạ?',
      'Khi trẻ sốt, giáo viên báo nhân viên y tế để theo dõi, chườm ấm và báo ngay cho gia đình. Nhà trường chỉ cho trẻ uống thuốc khi có đơn của bác sĩ và phiếu gửi thuốc của phụ huynh.',
    ],
  ],
  'Chương trình học': [
    [
      'Các con lớp {lop} có được học tiếng Anh và làm quen với máy tính không ạ?',
      'Nhà trường thực hiện Chương trình Giáo dục mầm non của Bộ Giáo dục và Đào tạo. Hoạt động làm quen với tiếng Anh được tổ chức theo nhu cầu của cha mẹ trẻ và theo hướng dẫn của Phòng Giáo dục và Đào tạo.',
    ],
    [
      'Trẻ 5 tuổi có được học trước chữ để chuẩn bị vào lớp 1 không ạ?',
      'Nhà trường không dạy trước chương trình lớp 1. Trẻ 5 tuổi được làm quen với chữ cái, số đếm qua trò chơi, và được chuẩn bị tâm thế, kỹ năng để tự tin khi vào lớp 1.',
    ],
  ],
  'Cơ sở vật chất': [
    [
      'Con có bắt buộc mặc đồng phục của trường không? Mua đồng phục ở đâu ạ?',
      'Nhà trường không bắt buộc trẻ mặc đồng phục hằng ngày; trẻ mặc đồng phục vào thứ Hai và các ngày lễ, hội. Việc may đồng phục do gia đình tự nguyện đăng ký qua giáo viên chủ nhiệm.',
    ],
    [
      'Lớp {lop} có điều hòa không ạ, mùa hè các con ngủ trưa có nóng không?',
      'Các phòng lớp đều có quạt trần và điều hòa; giờ ngủ trưa mùa hè giáo viên bật điều hòa ở nhiệt độ phù hợp và mở cửa thông gió trước giờ ngủ.',
    ],
  ],
  Khác: [
    [
      'Giờ đón và trả trẻ của trường là mấy giờ? Tôi đi làm ca sớm có gửi con trước 7 giờ được không?',
      'Nhà trường đón trẻ từ 6 giờ 45 và trả trẻ từ 16 giờ 30 đến 17 giờ 15, từ thứ Hai đến thứ Sáu. Giáo viên trực sáng có mặt từ 6 giờ 45 để đón trẻ.',
    ],
    [
      'Phụ huynh có thể xem hình ảnh các con ở lớp {lop} ở đâu ạ?',
      'Hình ảnh hoạt động của các lớp được đăng ở mục Thư viện ảnh và Hoạt động – Phong trào của trang thông tin điện tử nhà trường.',
    ],
  ],
};
const TOPICS = Object.keys(QA) as QuestionTopic[];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ', 'Bùi', 'Đặng', 'Ngô'];
const MIDDLE = ['Thị', 'Văn', 'Thu', 'Minh', 'Thanh', 'Đức'];
const GIVEN = ['Hoa', 'Lan', 'Hương', 'Tuấn', 'Hải', 'Mai', 'Nam', 'Hằng', 'Dũng', 'Ngọc', 'Trang', 'Phương'];
const FEEDBACK = [
  'Tôi đề nghị nhà trường bố trí thêm mái che ở cổng đón trẻ vì những ngày mưa phụ huynh phải đứng chờ ngoài trời.',
  'Gia đình cảm ơn cô giáo lớp {lop} đã chăm sóc cháu rất chu đáo trong thời gian cháu bị ốm.',
  'Đề nghị nhà trường nhắc bảo vệ hướng dẫn phụ huynh để xe gọn gàng, giờ trả trẻ cổng trường rất đông.',
];

const OPENERS = ['', '', 'Kính gửi Ban giám hiệu, ', 'Cho tôi hỏi: ', 'Xin chào nhà trường, ', 'Nhờ nhà trường giải đáp giúp: '];

/** A school year "2019–2020" of a day. */
const schoolYear = (time: number) => {
  const date = new Date(time);
  const first = date.getUTCMonth() >= 8 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return `${first}–${first + 1}`;
};

/**
 * `count` questions asked over the ten years, each answered one to three days later; four in five are
 * public on /hoi-dap (the asker consented), the fifth is a question or feedback answered privately.
 */
export function questions(random: Random, start: number, end: number, count: number): Question[] {
  const out: Question[] = [];
  for (let i = 0; i < count; i += 1) {
    const asked = start + Math.floor(((end - start) * i) / count) + random.int(1, DAY - 1);
    const fill = (text: string) =>
      text
        .replaceAll('{lop}', random.pick(CLASS_GROUPS))
        .replaceAll('{nam}', schoolYear(asked))
        .replaceAll('{thang}', String(random.int(1, 12)));
    const publish = i % 5 !== 4;
    const feedback = !publish && random.chance(0.5);
    const topic = feedback ? 'Khác' : random.pick(TOPICS);
    const [question, answer] = feedback
      ? [random.pick(FEEDBACK), 'Nhà trường cảm ơn ý kiến của quý phụ huynh; Ban giám hiệu đã trao đổi với các bộ phận liên quan để thực hiện.']
      : random.pick(QA[topic]);
    // Parents open their questions in their own words.
    const opener = feedback ? '' : random.pick(OPENERS);
    const filled = fill(question);
    const text = opener ? `${opener}${filled.charAt(0).toLowerCase()}${filled.slice(1)}` : filled;
    out.push({
      kind: feedback ? 'Góp ý' : 'Hỏi đáp',
      topic,
      question: text,
      publicQuestion: text,
      name: `${random.pick(FAMILY)} ${random.pick(MIDDLE)} ${random.pick(GIVEN)}`,
      // Phone numbers only, never e-mail addresses: an answer to an address would queue a mail for the bench's CMS to send.
      phone: random.chance(0.7) ? `09${random.int(10, 99)} ${random.int(100, 999)} ${random.int(100, 999)}` : null,
      consent: publish || random.chance(0.3),
      askedAt: new Date(asked).toISOString(),
      answer: fill(answer),
      answeredAt: new Date(asked + random.int(1, 3) * DAY + random.int(0, 8) * 3_600_000).toISOString(),
      publish,
    });
  }
  return out;
}

// ── Tuyển sinh ───────────────────────────────────────────────────────────────

export interface Admission {
  schoolYear: string;
  title: string;
  opensOn: string;
  closesOn: string;
  resultsOn: string;
  plan: Block[];
  ageGroups: { name: string; bornFrom: number; bornTo: number; places: number }[];
  documents: { name: string }[];
  contact: { person: string; phone: string; address: string; hours: string };
  publishedAt: string;
}

/** Years (the first of the school year) with a supplementary round after the main one. */
const SUPPLEMENTARY = [2017, 2019, 2021, 2024];

/** Every season of the ten years in order: one main round per school year 2016–2017 … 2025–2026, and four supplementary rounds. */
export function allSeasons(random: Random): Admission[] {
  const out: Admission[] = [];
  for (let year = 2016; year <= 2025; year += 1) {
    const rounds = SUPPLEMENTARY.includes(year) ? [false, true] : [false];
    for (const supplementary of rounds) {
      const label = `${year}–${year + 1}`;
      const [opensOn, closesOn, resultsOn, publishedOn] = supplementary
        ? [`${year}-08-15`, `${year}-08-30`, `${year}-09-03`, `${year}-08-08`]
        : [`${year}-06-15`, `${year}-07-15`, `${year}-07-25`, `${year}-05-25`];
      const places = (n: number) => (supplementary ? random.int(2, 8) : random.int(n, n + 15));
      out.push({
        schoolYear: `${year}-${year + 1}`,
        title: supplementary ? `Tuyển sinh bổ sung năm học ${label}` : `Tuyển sinh năm học ${label}`,
        opensOn,
        closesOn,
        resultsOn,
        plan: [
          `Thực hiện kế hoạch tuyển sinh năm học ${label} của Phòng Giáo dục và Đào tạo thị xã Quảng Yên, Trường Mầm non Hiệp Hòa ${supplementary ? 'tuyển sinh bổ sung vào các nhóm, lớp còn chỉ tiêu' : 'tuyển sinh trẻ từ 18 tháng đến 5 tuổi theo địa bàn được giao là phường Hiệp Hòa'}.`,
          { heading: 'Nguyên tắc tuyển sinh' },
          {
            list: [
              'Nhận trẻ cư trú trên địa bàn phường Hiệp Hòa trước; khi còn chỉ tiêu, nhận trẻ ở các phường lân cận theo thứ tự nộp hồ sơ.',
              'Ưu tiên trẻ 5 tuổi chưa đi học mẫu giáo, trẻ khuyết tật học hòa nhập, trẻ có hoàn cảnh đặc biệt khó khăn.',
              'Không kiểm tra, khảo sát trẻ; không thu bất kỳ khoản tiền nào khi nhận hồ sơ.',
            ],
          },
          { heading: 'Hình thức nộp hồ sơ' },
          'Cha mẹ trẻ nộp hồ sơ trực tiếp tại văn phòng nhà trường trong giờ hành chính. Danh sách trẻ trúng tuyển được niêm yết tại bảng tin nhà trường và đăng trên trang thông tin điện tử.',
        ],
        ageGroups: [
          { name: 'Nhà trẻ 18–24 tháng tuổi', bornFrom: year - 1, bornTo: year - 1, places: places(15) },
          { name: 'Nhà trẻ 24–36 tháng tuổi', bornFrom: year - 2, bornTo: year - 2, places: places(25) },
          { name: 'Mẫu giáo 3–4 tuổi', bornFrom: year - 3, bornTo: year - 3, places: places(35) },
          { name: 'Mẫu giáo 4–5 tuổi', bornFrom: year - 4, bornTo: year - 4, places: places(5) },
          { name: 'Mẫu giáo 5–6 tuổi', bornFrom: year - 5, bornTo: year - 5, places: places(2) },
        ],
        documents: [
          'Đơn xin nhập học (theo mẫu của nhà trường).',
          'Bản sao giấy khai sinh của trẻ (kèm bản chính để đối chiếu).',
          'Bản sao sổ tiêm chủng hoặc giấy xác nhận tiêm chủng của trạm y tế.',
          'Giấy xác nhận thông tin về cư trú của trẻ.',
        ].map((name) => ({ name })),
        contact: {
          person: 'Đ/c Vũ Thị Lan, Phó Hiệu trưởng',
          phone: '0203 3875 123',
          address: 'Văn phòng Trường Mầm non Hiệp Hòa, phường Hiệp Hòa, thị xã Quảng Yên, tỉnh Quảng Ninh',
          hours: 'Sáng 7 giờ 30 – 11 giờ, chiều 13 giờ 30 – 16 giờ 30, từ thứ Hai đến thứ Sáu',
        },
        publishedAt: `${publishedOn}T02:00:00.000Z`,
      });
    }
  }
  return out;
}

/** `count` of the seasons, spread evenly over the ten years (all of them at full scale). */
export function admissions(random: Random, count: number): Admission[] {
  const all = allSeasons(random);
  const n = Math.min(count, all.length);
  return Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)] as Admission);
}

/** Photos of the albums that have their own (the others show an activity's gallery). */
export const albumPhotoCount = (list: readonly Album[]): number => list.reduce((sum, album) => sum + album.photos.length, 0);
