/** The workstation's English text: every string the UI shows comes from here through i18next. */
import { caseMessages } from '../cases/caseMessages';
import { queueMessages } from '../cases/messages';
import { interactionMessages } from '../interactions/messages';
import { peopleMessages } from '../people/messages';
import { playbookMessages } from '../playbooks/messages';
import { searchMessages } from '../search/messages';
import { shellMessages } from '../shell/messages';

export const en = {
  search: searchMessages.en,
  queue: queueMessages.en,
  case: caseMessages.en,
  intake: interactionMessages.en,
  keys: shellMessages.en,
  people: peopleMessages.en,
  playbook: playbookMessages.en,
  app: {
    name: 'Caseway',
    starting: 'Starting…',
    signOut: 'Sign out',
    user: '{{name}} · {{roles}}',
  },
  login: {
    subtitle: 'Sign in to your workstation',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    failed: 'sign-in failed',
  },
  nav: {
    label: 'Workspace',
    myWork: 'My work',
    queues: "My groups' queues",
    interactions: 'Interactions',
    search: 'Search',
    syncIssues: 'Sync issues',
    approvals: 'To approve',
    team: 'Team board',
    fieldWork: 'Field work',
    devices: 'Devices',
  },
  tabs: {
    label: 'Open records',
    close: 'Close {{title}}',
    newCase: 'New case',
    newInteraction: 'New interaction',
  },
  prefs: {
    theme: 'Theme',
    light: 'Light',
    dark: 'Dark',
    system: 'As the system',
    language: 'Language',
  },
  priority: {
    p1: '1 - Critical',
    p2: '2 - High',
    p3: '3 - Moderate',
    p4: '4 - Low',
  },
  status: {
    label: 'Sync status',
    online: 'Online',
    follower: 'Synced by another window',
    connecting: 'Connecting…',
    offline: 'Offline',
    syncing: ' · syncing',
    downloading: ' · downloading your work',
    pending_one: '{{count}} change waiting',
    pending_other: '{{count}} changes waiting',
    lastSync: 'Last sync: ',
    never: 'never',
    issues_one: '{{count}} sync issue',
    issues_other: '{{count}} sync issues',
    storage: 'Storage: {{used}}',
    storageOf: ' of {{quota}}',
    kept: ' · kept',
    keptTitle: 'The browser keeps this data even when the disk runs low',
    notKeptTitle: 'The browser may clear this data when the disk runs low',
  },
  download: {
    title: 'Downloading your work',
    progress: '{{records}} records so far',
    explain: "Your own open cases come first; the rest of your queues, the people and sites they involve and your organisation's set-up follow, so you can keep working offline.",
  },
  issues: {
    title: 'Sync issues',
    close: 'Close',
    none: 'Nothing was refused or overwritten.',
    refused: 'Not applied',
    overwritten: 'Applied over a newer change',
    made: 'made {{time}}',
    values: '{{field}}: yours “{{yours}}”, theirs “{{theirs}}”',
    dismiss: 'Dismiss',
  },
  soon: {
    title: '{{view}}',
    text: 'This view is being built.',
  },
};

/** The shape every other locale fills in: the same keys, all strings. */
export type Messages = { [K in keyof typeof en]: { [L in keyof (typeof en)[K]]: string } };
