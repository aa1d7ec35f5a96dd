import { bothKinds, byKinds, type MediaType } from '../../i18n/media-count.js';
import { defineMessages } from '../../i18n/messages.js';

/** "2 photos et 1 vidéo", "2 nouvelles photos et 1 nouvelle vidéo" (both nouns are feminine). */
const frCount = (photos: number, videos: number, adjective?: string) => {
  const counted = (noun: string) => (n: number) => {
    const s = n > 1 ? 's' : '';
    return adjective ? `${n} ${adjective}${s} ${noun}${s}` : `${n} ${noun}${s}`;
  };
  return bothKinds({ photos, videos }, counted('photo'), counted('vidéo'), ' et ');
};
/** "2 photos and 1 video", "2 new photos and 1 new video". */
const enCount = (photos: number, videos: number, adjective?: string) => {
  const counted = (noun: string) => (n: number) => `${n} ${adjective ? `${adjective} ` : ''}${noun}${n > 1 ? 's' : ''}`;
  return bothKinds({ photos, videos }, counted('photo'), counted('video'), ' and ');
};
const frKind = (type: MediaType) => (type === 'video' ? 'vidéo' : 'photo');
const enKind = (type: MediaType) => (type === 'video' ? 'video' : 'photo');

export const messages = defineMessages({
  fr: {
    title: 'Mon dossier',
    intro: 'Saisissez le numéro de dossier et le code secret reçus lors de votre envoi.',
    caseLabel: 'Numéro de dossier',
    caseHint: 'Par exemple DSR-7K4M-Q2XP',
    secretLabel: 'Code secret',
    showSecret: 'Afficher le code secret',
    open: 'Ouvrir mon dossier',
    opening: 'Ouverture…',
    missing: 'Saisissez le numéro de dossier et le code secret.',
    statusActive: (photos: number, videos: number) =>
      `Ce dossier est actif : les plateformes partenaires reconnaissent les copies de ${byKinds({ photos, videos }, { photos: 'vos photos', videos: 'vos vidéos', both: 'vos photos et de vos vidéos' })}.`,
    statusWithdrawn: (date: string) => `Ce dossier a été retiré le ${date}. Ses empreintes ont été supprimées.`,
    createdOn: (date: string) => `Créé le ${date}.`,
    keptUntil: (date: string) => `Conservé jusqu’au ${date}, sauf si vous ajoutez des photos ou des vidéos.`,
    keptUntilWithdrawn: 'Conservé jusqu’à ce que vous le retiriez.',
    matches: (n: number) => (n === 0 ? 'Aucune copie bloquée confirmée par une plateforme pour l’instant.' : `${n} copie${n > 1 ? 's' : ''} bloquée${n > 1 ? 's' : ''}, confirmée${n > 1 ? 's' : ''} par les plateformes.`),
    itemsTitle: (photos: number, videos: number) => byKinds({ photos, videos }, { photos: 'Photos du dossier', videos: 'Vidéos du dossier', both: 'Photos et vidéos du dossier' }),
    item: (type: MediaType, n: number) => `${type === 'video' ? 'Vidéo' : 'Photo'} ${n}`,
    addedOn: (date: string) => `ajoutée le ${date}`,
    itemActive: 'protégée',
    itemDisabled: 'mise en pause par notre équipe',
    itemWithdrawn: 'retirée, empreintes supprimées',
    itemLowQuality: 'peu de détails : seules les copies exactes sont reconnues',
    withdrawItem: 'Retirer',
    withdrawItemLabel: (type: MediaType, n: number) => `Retirer la ${frKind(type)} ${n}`,
    confirmItem: (type: MediaType, n: number) => `Retirer la ${frKind(type)} ${n} ? Ses empreintes seront supprimées et ses copies ne seront plus reconnues.`,
    confirmAll: (photos: number, videos: number) =>
      `Retirer tout le dossier ? Toutes ses empreintes seront supprimées et les copies de ${byKinds({ photos, videos }, { photos: 'vos photos', videos: 'vos vidéos', both: 'vos photos et de vos vidéos' })} ne seront plus reconnues. Cela ne peut pas être annulé.`,
    yesWithdraw: 'Oui, retirer',
    keep: 'Non, garder',
    withdrawAll: 'Retirer tout le dossier',
    itemWithdrawnNotice: (type: MediaType, n: number) => `La ${frKind(type)} ${n} a été retirée ; ses empreintes sont supprimées.`,
    allWithdrawnNotice: 'Le dossier a été retiré ; toutes ses empreintes sont supprimées.',
    added: (photos: number, videos: number) => `${frCount(photos, videos)} ajoutée${photos + videos > 1 ? 's' : ''} au dossier.`,
    alreadyInCase: (photos: number, videos: number) => {
      const these = bothKinds({ photos, videos }, (n) => (n > 1 ? `ces ${n} photos` : 'cette photo'), (n) => (n > 1 ? `ces ${n} vidéos` : 'cette vidéo'), ' et ');
      const sentence = photos + videos > 1 ? `${these} étaient déjà dans votre dossier : rien n’a été ajouté, chacune y est gardée une seule fois.` : `${these} était déjà dans votre dossier : rien n’a été ajouté, elle y est gardée une seule fois.`;
      return sentence[0]!.toUpperCase() + sentence.slice(1);
    },
    addedAndAlready: (photos: number, videos: number, others: number) =>
      `${frCount(photos, videos, 'nouvelle')} ajoutée${photos + videos > 1 ? 's' : ''} au dossier ; ${others} autre${others > 1 ? 's' : ''} y étai${others > 1 ? 'ent' : 't'} déjà.`,
    addFiles: 'Ajouter des photos ou des vidéos',
    close: 'Fermer mon dossier',
    back: 'Retour',
  },
  en: {
    title: 'My case',
    intro: 'Enter the case number and the secret you were given when you sent your fingerprints.',
    caseLabel: 'Case number',
    caseHint: 'For example DSR-7K4M-Q2XP',
    secretLabel: 'Secret',
    showSecret: 'Show the secret',
    open: 'Open my case',
    opening: 'Opening…',
    missing: 'Enter the case number and the secret.',
    statusActive: (photos: number, videos: number) =>
      `This case is active: partner platforms recognise copies of ${byKinds({ photos, videos }, { photos: 'your photos', videos: 'your videos', both: 'your photos and videos' })}.`,
    statusWithdrawn: (date: string) => `This case was withdrawn on ${date}. Its fingerprints were deleted.`,
    createdOn: (date: string) => `Created on ${date}.`,
    keptUntil: (date: string) => `Kept until ${date}, unless you add photos or videos.`,
    keptUntilWithdrawn: 'Kept until you withdraw it.',
    matches: (n: number) => (n === 0 ? 'No blocked copy confirmed by a platform so far.' : `${n} blocked cop${n > 1 ? 'ies' : 'y'}, confirmed by the platforms.`),
    itemsTitle: (photos: number, videos: number) => byKinds({ photos, videos }, { photos: 'Photos in this case', videos: 'Videos in this case', both: 'Photos and videos in this case' }),
    item: (type: MediaType, n: number) => `${type === 'video' ? 'Video' : 'Photo'} ${n}`,
    addedOn: (date: string) => `added on ${date}`,
    itemActive: 'protected',
    itemDisabled: 'paused by our team',
    itemWithdrawn: 'withdrawn, fingerprints deleted',
    itemLowQuality: 'little detail: only exact copies are recognised',
    withdrawItem: 'Withdraw',
    withdrawItemLabel: (type: MediaType, n: number) => `Withdraw ${enKind(type)} ${n}`,
    confirmItem: (type: MediaType, n: number) => `Withdraw ${enKind(type)} ${n}? Its fingerprints will be deleted and its copies no longer recognised.`,
    confirmAll: (photos: number, videos: number) =>
      `Withdraw the whole case? All its fingerprints will be deleted and copies of ${byKinds({ photos, videos }, { photos: 'your photos', videos: 'your videos', both: 'your photos and videos' })} no longer recognised. This cannot be undone.`,
    yesWithdraw: 'Yes, withdraw',
    keep: 'No, keep it',
    withdrawAll: 'Withdraw the whole case',
    itemWithdrawnNotice: (type: MediaType, n: number) => `${type === 'video' ? 'Video' : 'Photo'} ${n} was withdrawn; its fingerprints are deleted.`,
    allWithdrawnNotice: 'The case was withdrawn; all its fingerprints are deleted.',
    added: (photos: number, videos: number) => `${enCount(photos, videos)} added to the case.`,
    alreadyInCase: (photos: number, videos: number) => {
      const these = bothKinds({ photos, videos }, (n) => (n > 1 ? `these ${n} photos` : 'this photo'), (n) => (n > 1 ? `these ${n} videos` : 'this video'), ' and ');
      const sentence = photos + videos > 1 ? `${these} were already in your case: nothing was added, each is kept once.` : `${these} was already in your case: nothing was added, it is kept once.`;
      return sentence[0]!.toUpperCase() + sentence.slice(1);
    },
    addedAndAlready: (photos: number, videos: number, others: number) =>
      `${enCount(photos, videos, 'new')} added to the case; ${others} other${others > 1 ? 's' : ''} ${others > 1 ? 'were' : 'was'} already in it.`,
    addFiles: 'Add photos or videos',
    close: 'Close my case',
    back: 'Back',
  },
});
