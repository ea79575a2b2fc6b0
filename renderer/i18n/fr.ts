/** French: the second locale, proving every string goes through the i18n layer. */
import type { Messages } from './en';
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

export const fr = {
  search: searchMessages.fr,
  queue: queueMessages.fr,
  case: caseMessages.fr,
  intake: interactionMessages.fr,
  keys: shellMessages.fr,
  people: peopleMessages.fr,
  playbook: playbookMessages.fr,
  fieldwork: fieldworkMessages.fr,
  team: teamMessages.fr,
  admin: adminMessages.fr,
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
    wiped_one: 'Un administrateur a révoqué cet appareil. Ses données locales ont été supprimées ; {{count}} modification en attente et {{files}} fichier(s) ont été signalés à l’administrateur.',
    wiped_other: 'Un administrateur a révoqué cet appareil. Ses données locales ont été supprimées ; {{count}} modifications en attente et {{files}} fichier(s) ont été signalés à l’administrateur.',
    wipePending: 'Un administrateur a révoqué cet appareil. Ses données sont verrouillées et seront supprimées une fois le travail en attente signalé : {{reason}}',
    revokedLocked: 'Cet appareil a été révoqué par un administrateur. Connectez-vous au réseau et identifiez-vous pour terminer la suppression de ses données.',
    offlineUntil: 'Déverrouillé hors ligne, valable jusqu’au {{until}}',
    unlock_no_vault: 'Le serveur central est injoignable et cet utilisateur ne s’est jamais connecté sur cet appareil (ou s’est déconnecté). Connectez-vous au réseau.',
    unlock_wrong_password: 'Mot de passe incorrect pour le déverrouillage hors ligne ({{count}} essais restants).',
    unlock_too_many_attempts: 'Trop de mots de passe incorrects : le déverrouillage hors ligne de cet appareil est supprimé. Connectez-vous au réseau.',
    unlock_expired: 'La période hors ligne a pris fin le {{until}}. Connectez-vous au réseau pour vous identifier.',
    unlock_clock: 'L’horloge de cet appareil est antérieure à son dernier contact avec le serveur. Corrigez-la ou connectez-vous au réseau.',
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
