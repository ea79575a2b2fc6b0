/** The workstation's English text: every string the UI shows comes from here through i18next. */
import { adminMessages } from '../admin/messages';
import { caseMessages } from '../cases/caseMessages';
import { queueMessages } from '../cases/messages';
import { fieldworkMessages } from '../fieldwork/messages';
import { interactionMessages } from '../interactions/messages';
import { peopleMessages } from '../people/messages';
import { playbookMessages } from '../playbooks/messages';
import { searchMessages } from '../search/messages';
import { shellMessages } from '../shell/messages';
import { teamMessages } from '../supervisor/messages';

export const en = {
  search: searchMessages.en,
  queue: queueMessages.en,
  case: caseMessages.en,
  intake: interactionMessages.en,
  keys: shellMessages.en,
  people: peopleMessages.en,
  playbook: playbookMessages.en,
  fieldwork: fieldworkMessages.en,
  team: teamMessages.en,
  admin: adminMessages.en,
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
    wiped_one: 'An administrator revoked this device. Its local data was deleted; {{count}} change waiting to sync and {{files}} file(s) were reported to the administrator.',
    wiped_other: 'An administrator revoked this device. Its local data was deleted; {{count}} changes waiting to sync and {{files}} file(s) were reported to the administrator.',
    wipePending: 'An administrator revoked this device. Its data is locked and will be deleted once its queued work is reported: {{reason}}',
    revokedLocked: 'This device was revoked by an administrator. Connect to the network and sign in to finish deleting its data.',
    offlineUntil: 'Unlocked offline, valid until {{until}}',
    unlock_no_vault: 'The central store cannot be reached, and this user has not signed in on this device before (or signed out). Connect to sign in.',
    unlock_wrong_password: 'Wrong password for the offline unlock ({{count}} attempts left).',
    unlock_too_many_attempts: 'Too many wrong passwords: the offline unlock of this device is removed. Connect to sign in.',
    unlock_expired: 'The offline period ended on {{until}}. Connect to the network to sign in.',
    unlock_clock: "This device's clock is set earlier than its last contact with the store. Correct the clock or connect to sign in.",
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
