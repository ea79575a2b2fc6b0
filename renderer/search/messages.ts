/** The search view's text in every shipped locale (the French keys must match the English ones). */
const en = {
  title: 'Search',
};

export const searchMessages: { en: typeof en; fr: Record<keyof typeof en, string> } = {
  en,
  fr: {
    title: 'Recherche',
  },
};
