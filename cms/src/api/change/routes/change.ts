import { CHANGES_PATH } from '@portal/common/site-changes';

export default {
  routes: [
    {
      method: 'GET',
      path: `/${CHANGES_PATH}`,
      handler: 'change.list',
      // Read by the site's processes with their token (SITE_API_TOKEN), checked in the controller.
      config: { auth: false },
    },
  ],
};
