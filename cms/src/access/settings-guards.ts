import type { Core } from '@strapi/strapi';
import { currentActor } from '../workflow/actor';
import { forbid } from '../workflow/rules';
import { guardRoute, type RouteGuard } from './route-guards';

/**
 * Plugin routes on which Strapi checks no permission at all, found by the route inventory's sweep: any
 * signed-in account could otherwise send mail as the school or change settings everyone shares.
 */
export function registerSettingsGuards(strapi: Core.Strapi): void {
  const onlySuperAdmin =
    (message: string): RouteGuard =>
    async (_ctx, next) => {
      if (!currentActor(strapi)?.isSuperAdmin) throw forbid(message);
      return next();
    };
  // Nothing in the portal sends mail through this route; it would send anything, to anyone, as the school.
  guardRoute('email.email.send', async () => {
    throw forbid('Gửi thư tùy ý từ máy chủ đã bị tắt. Thư của cổng thông tin được gửi tự động theo từng việc.');
  });
  guardRoute('content-manager.components.updateComponentConfiguration', onlySuperAdmin('Chỉ Super Admin được đổi cách hiển thị của thành phần.'));
  guardRoute('i18n.settings.updateSettings', onlySuperAdmin('Chỉ Super Admin được đổi cài đặt ngôn ngữ.'));
}
