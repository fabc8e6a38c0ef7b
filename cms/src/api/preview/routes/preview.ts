export default {
  routes: [
    {
      method: 'GET',
      path: '/preview',
      handler: 'preview.find',
      // The signed link is the credential: no token can read drafts.
      config: { auth: false },
    },
  ],
};
