export default {
  routes: [
    {
      method: 'POST',
      path: '/corrections',
      handler: 'correction.create',
      // Only the site may call this: the request is signed with the secret the two share.
      config: { auth: false },
    },
  ],
};
