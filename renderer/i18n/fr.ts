/** French: the second locale, proving every string goes through the i18n layer. */
import type { Messages } from './en';
import { caseMessages } from '../cases/caseMessages';
import { queueMessages } from '../cases/messages';
import { interactionMessages } from '../interactions/messages';
import { peopleMessages } from '../people/messages';
import { playbookMessages } from '../playbooks/messages';
import { searchMessages } from '../search/messages';
import { shellMessages } from '../shell/messages';

export const fr = {
  search: searchMessages.fr,
  queue: queueMessages.fr,
  case: caseMessages.fr,
  intake: interactionMessages.fr,
  keys: shellMessages.fr,
  people: peopleMessages.fr,
  playbook: playbookMessages.fr,
  app: {
    name: 'Caseway',
    starting: 'Démarrage…',
    signOut: 'Se déconnecter',
    user: '{{name}} · {{roles}}',
  },
  login: {
    subtitle: 'Connectez-vous à votre poste de travail',
    username: "Nom d'utilisateur",
    password: 'Mot de passe',
    signIn: 'Se connecter',
    signingIn: 'Connexion…',
    failed: 'la connexion a échoué',
  },
  nav: {
    label: 'Espace de travail',
    myWork: 'Mon travail',
    queues: 'Files de mes groupes',
    interactions: 'Interactions',
    search: 'Recherche',
    syncIssues: 'Problèmes de synchronisation',
    approvals: 'À approuver',
    team: 'Tableau de l’équipe',
    fieldWork: 'Travail sur le terrain',
    devices: 'Appareils',
  },
  tabs: {
    label: 'Dossiers ouverts',
    close: 'Fermer {{title}}',
    newCase: 'Nouveau dossier',
    newInteraction: 'Nouvelle interaction',
  },
  prefs: {
    theme: 'Thème',
    light: 'Clair',
    dark: 'Sombre',
    system: 'Comme le système',
    language: 'Langue',
  },
  priority: {
    p1: '1 - Critique',
    p2: '2 - Haute',
    p3: '3 - Moyenne',
    p4: '4 - Basse',
  },
  status: {
    label: 'État de la synchronisation',
    online: 'En ligne',
    follower: 'Synchronisé par une autre fenêtre',
    connecting: 'Connexion…',
    offline: 'Hors ligne',
    syncing: ' · synchronisation',
    downloading: ' · téléchargement de votre travail',
    pending_one: '{{count}} modification en attente',
    pending_other: '{{count}} modifications en attente',
    lastSync: 'Dernière synchronisation : ',
    never: 'jamais',
    issues_one: '{{count}} problème de synchronisation',
    issues_other: '{{count}} problèmes de synchronisation',
    storage: 'Stockage : {{used}}',
    storageOf: ' sur {{quota}}',
    kept: ' · conservé',
    keptTitle: 'Le navigateur conserve ces données même si le disque est presque plein',
    notKeptTitle: 'Le navigateur peut effacer ces données si le disque est presque plein',
  },
  download: {
    title: 'Téléchargement de votre travail',
    progress: '{{records}} enregistrements reçus',
    explain: "Vos dossiers ouverts arrivent en premier ; le reste de vos files, les personnes et sites concernés et le paramétrage de votre organisation suivent, pour travailler hors ligne.",
  },
  issues: {
    title: 'Problèmes de synchronisation',
    close: 'Fermer',
    none: "Rien n'a été refusé ni écrasé.",
    refused: 'Non appliqué',
    overwritten: 'Appliqué sur une modification plus récente',
    made: 'fait le {{time}}',
    values: '{{field}} : la vôtre « {{yours}} », l’autre « {{theirs}} »',
    dismiss: 'Ignorer',
  },
  soon: {
    title: '{{view}}',
    text: 'Cette vue est en construction.',
  },
} satisfies Messages;
