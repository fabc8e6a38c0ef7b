import { Box, Main, Typography } from '@strapi/design-system';
import { QueueWidget } from './Widgets';

/** "Chờ duyệt" as a page of its own (the menu link): the same list as the home page's first widget. */
export default function QueuePage() {
  return (
    <Main>
      <Box padding={{ initial: 4, medium: 8 }}>
        <Typography variant="alpha" tag="h1">
          Chờ duyệt
        </Typography>
        <Typography variant="pi" textColor="neutral600" tag="p" paddingTop={2} paddingBottom={4}>
          Các mục đang chờ Ban giám hiệu duyệt, cũ nhất ở trên. Mở một mục để đọc, rồi chọn Duyệt và đăng, Duyệt và hẹn giờ đăng, Yêu cầu chỉnh sửa hoặc Không
          duyệt.
        </Typography>
        <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
          <QueueWidget />
        </Box>
      </Box>
    </Main>
  );
}
