/**
 * Vietnamese text for the bench dataset: sentences assembled from fragments about a kindergarten's year,
 * so that search, highlighting and page sizes behave as with real articles (diacritics, common words
 * shared by many documents, rarer words in few).
 */
import type { Random } from './prng.ts';

const SUBJECTS = [
  'Nhà trường',
  'Ban giám hiệu',
  'Các cô giáo khối Mẫu giáo lớn',
  'Tổ chuyên môn khối Nhà trẻ',
  'Hội cha mẹ học sinh',
  'Tổ nuôi dưỡng',
  'Nhân viên y tế của trường',
  'Chi đoàn thanh niên',
  'Các bé lớp Chồi',
  'Các bé lớp Lá',
  'Công đoàn nhà trường',
  'Tổ công nghệ thông tin',
];
const VERBS = [
  'đã tổ chức',
  'phối hợp thực hiện',
  'triển khai',
  'hoàn thành',
  'tham gia',
  'kiểm tra và đánh giá',
  'xây dựng kế hoạch',
  'tổng kết',
  'hưởng ứng',
  'chuẩn bị chu đáo cho',
];
const OBJECTS = [
  'hội thi bé khỏe bé ngoan',
  'chương trình vui Tết Trung thu',
  'ngày hội đến trường của bé',
  'chuyên đề phát triển vận động',
  'buổi khám sức khỏe định kỳ',
  'tuần lễ an toàn thực phẩm',
  'phong trào xây dựng trường học xanh, sạch, đẹp',
  'hoạt động trải nghiệm làm bánh chưng',
  'buổi tập huấn chuyển đổi số',
  'kế hoạch tuyển sinh năm học mới',
  'lễ tổng kết năm học',
  'hội thi giáo viên dạy giỏi cấp trường',
  'chương trình giáo dục kỹ năng sống',
  'buổi tuyên truyền phòng chống dịch bệnh',
  'ngày hội sách và văn hóa đọc',
  'hoạt động trồng cây trong vườn trường',
  'thực đơn dinh dưỡng theo mùa',
  'buổi sinh hoạt chuyên môn về STEAM',
];
const PLACES = [
  'tại sân trường',
  'tại hội trường',
  'tại phòng giáo dục thể chất',
  'ở khu vườn cổ tích',
  'tại điểm trường Hiệp Hòa',
  'trong các lớp học',
  'tại nhà văn hóa khu phố',
  'ngoài khu vui chơi',
];
const OUTCOMES = [
  'với sự tham gia nhiệt tình của phụ huynh và các bé',
  'nhằm nâng cao chất lượng chăm sóc, nuôi dưỡng và giáo dục trẻ',
  'góp phần hình thành thói quen tốt cho trẻ',
  'giúp trẻ mạnh dạn, tự tin và hứng thú khi đến lớp',
  'theo đúng kế hoạch của Phòng Giáo dục và Đào tạo thị xã Quảng Yên',
  'bảo đảm an toàn tuyệt đối cho trẻ',
  'tạo không khí vui tươi, đầm ấm trong toàn trường',
  'đáp ứng yêu cầu đổi mới giáo dục mầm non',
];
const CLOSINGS = [
  'Nhà trường trân trọng cảm ơn sự đồng hành của quý phụ huynh.',
  'Mọi ý kiến đóng góp xin gửi về văn phòng nhà trường hoặc qua trang thông tin điện tử.',
  'Các lớp tiếp tục duy trì nền nếp, vệ sinh và an toàn cho trẻ.',
  'Kết quả sẽ được thông báo tới các lớp trong tuần tiếp theo.',
  'Hình ảnh hoạt động được cập nhật trong thư viện ảnh của trường.',
  'Phụ huynh vui lòng theo dõi thông báo của giáo viên chủ nhiệm.',
];
const CLASSES = ['Mầm 1', 'Mầm 2', 'Chồi 1', 'Chồi 2', 'Chồi 3', 'Lá 1', 'Lá 2', 'Lá 3', 'Nhà trẻ D1', 'Nhà trẻ D2'];

export const TOPICS = OBJECTS;
export const CLASS_GROUPS = CLASSES;

export function sentence(random: Random): string {
  const parts = [random.pick(SUBJECTS), random.pick(VERBS), random.pick(OBJECTS)];
  if (random.chance(0.6)) parts.push(random.pick(PLACES));
  if (random.chance(0.7)) parts.push(random.pick(OUTCOMES));
  return `${parts.join(' ')}.`;
}

/** Paragraphs totalling at least `words` words. */
export function paragraphs(random: Random, words: number): string[] {
  const out: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    const length = random.int(3, 5);
    for (let i = 0; i < length; i += 1) sentences.push(sentence(random));
    if (random.chance(0.3)) sentences.push(random.pick(CLOSINGS));
    const paragraph = sentences.join(' ');
    count += paragraph.split(/\s+/).length;
    out.push(paragraph);
  }
  return out;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function title(random: Random, schoolYear: string): string {
  const object = capitalise(random.pick(OBJECTS));
  const suffix = random.pick([` năm học ${schoolYear}`, ` của lớp ${random.pick(CLASSES)}`, ` tháng ${random.int(1, 12)}`, '']);
  return `${object}${suffix}`;
}

/** ASCII URL slug: Vietnamese letters without their marks, words joined by hyphens. */
export function slugOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function wordCount(texts: string[]): number {
  return texts.reduce((sum, text) => sum + text.split(/\s+/).filter(Boolean).length, 0);
}
