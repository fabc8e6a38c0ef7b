export default {
  routes: [
    {
      method: 'POST',
      path: '/questions',
      handler: 'question.ask',
      // Only the site may call this: the request is signed with the secret the two share.
      config: { auth: false },
    },
  ],
};
