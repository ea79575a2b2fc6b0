/** The 360 view's text in every shipped locale (the French keys must match the English ones). */
const en = {
  title: '360 view',
};

export const peopleMessages: { en: typeof en; fr: Record<keyof typeof en, string> } = {
  en,
  fr: {
    title: 'Vue 360',
  },
};
