export default {
  routes: [
    {
      method: 'GET',
      path: '/ops/alert-recipients',
      handler: 'ops.alertRecipients',
      // The uptime monitor is no CMS user: it proves itself with MONITOR_TOKEN, checked in the controller.
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/ops/deliveries',
      handler: 'ops.deliveries',
      config: { auth: false },
    },
  ],
};
