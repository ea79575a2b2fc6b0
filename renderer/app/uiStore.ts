/**
 * The workspace's UI state (zustand): the view chosen in the navigation, the records open in tabs,
 * the theme. Records themselves never live here; tabs hold only what identifies them.
 */
import { create } from 'zustand';

/** The navigation's views, in order. */
export const views = ['myWork', 'queues', 'interactions', 'search', 'syncIssues', 'approvals', 'team', 'fieldWork', 'devices'] as const;
export type View = (typeof views)[number];

/** The views a user's roles use: the team board for supervisors, field work for technicians, devices for administrators. */
export function viewsFor(roles: readonly string[]): View[] {
  const has = (...r: string[]): boolean => roles.some((x) => r.includes(x));
  return views.filter((v) => (v === 'team' ? has('supervisor', 'administrator') : v === 'fieldWork' ? has('field_technician') : v === 'devices' ? has('administrator') : true));
}
export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** The kinds of record that open in a tab of their own. */
export const recordKinds = ['case', 'interaction', 'consumer', 'contact', 'account', 'household'] as const;
export type RecordKind = (typeof recordKinds)[number];
export type RecordTab = { kind: RecordKind; id: string };

export type UiState = {
  view: View;
  tabs: RecordTab[];
  /** The open record shown, or null while the view is shown. */
  activeTab: string | null;
  theme: Theme;
  /** The case ids of the list shown last, in its order (for "next case"). */
  listOrder: string[];
  setListOrder(ids: string[]): void;
  /** What was typed in the search view, kept while the agent works elsewhere. */
  searchText: string;
  setSearchText(text: string): void;
  showView(view: View): void;
  openRecord(tab: RecordTab): void;
  closeRecord(id: string): void;
  setTheme(theme: Theme): void;
};

const themeKey = 'caseway.theme';

function savedTheme(): Theme {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(themeKey);
  return themes.find((t) => t === saved) ?? 'system';
}

export const initialUiState = { view: 'myWork', tabs: [], activeTab: null, theme: 'system', listOrder: [], searchText: '' } as const satisfies Partial<UiState>;

export const useUi = create<UiState>()((set) => ({
  ...initialUiState,
  theme: savedTheme(),
  listOrder: [],
  setListOrder: (listOrder) => set({ listOrder }),
  searchText: '',
  setSearchText: (searchText) => set({ searchText }),
  showView: (view) => set({ view, activeTab: null }),
  openRecord: (tab) => set((s) => ({ tabs: s.tabs.some((t) => t.id === tab.id) ? s.tabs : [...s.tabs, tab], activeTab: tab.id })),
  closeRecord: (id) =>
    set((s) => {
      const index = s.tabs.findIndex((t) => t.id === id);
      const tabs = s.tabs.filter((t) => t.id !== id);
      if (s.activeTab !== id) return { tabs };
      // Closing the shown tab shows its neighbour, or the view when it was the last.
      const next = tabs[Math.min(index, tabs.length - 1)];
      return { tabs, activeTab: next?.id ?? null };
    }),
  setTheme: (theme) => {
    localStorage.setItem(themeKey, theme);
    set({ theme });
  },
}));
