import { bothKinds } from '../../i18n/media-count.js';
import { defineMessages } from '../../i18n/messages.js';

export const messages = defineMessages({
  fr: {
    title: 'Vos empreintes ont été reçues',
    protected: (photos: number, videos: number) =>
      `Les plateformes partenaires peuvent désormais reconnaître les copies de ${bothKinds(
        { photos, videos },
        (n) => (n > 1 ? `ces ${n} photos` : 'cette photo'),
        (n) => (n > 1 ? `ces ${n} vidéos` : 'cette vidéo'),
        ' et de ',
      )}.`,
    lowQuality: (photos: number, videos: number) =>
      `${bothKinds({ photos, videos }, (n) => `${n} photo${n > 1 ? 's' : ''}`, (n) => `${n} vidéo${n > 1 ? 's' : ''}`, ' et ')} ` +
      (photos + videos > 1
        ? 'ont trop peu de détails : leurs copies exactes seront reconnues, pas forcément leurs copies retouchées.'
        : 'a trop peu de détails : ses copies exactes seront reconnues, pas forcément ses copies retouchées.'),
    keepTitle: 'Gardez ces deux informations',
    caseLabel: 'Numéro de dossier',
    secretLabel: 'Code secret',
    warning: 'Notez-les ou enregistrez-les dans un endroit sûr, maintenant. Personne ne peut les retrouver, pas même nous : sans elles, il sera impossible de voir ou de retirer ce dossier.',
    copy: 'Copier',
    copyCase: 'Copier le numéro de dossier',
    copySecret: 'Copier le code secret',
    copiedCase: 'Numéro de dossier copié.',
    copiedSecret: 'Code secret copié.',
    copyFailed: 'La copie n’a pas fonctionné ; sélectionnez le texte pour le copier.',
    download: 'Télécharger dans un fichier texte',
    print: 'Imprimer',
    fileHeading: 'Notes',
    fileCase: (caseId: string) => `Numéro de dossier : ${caseId}`,
    fileSecret: (secret: string) => `Code secret : ${secret}`,
    fileWhere: (address: string) => `Page : ${address}`,
    seeCase: 'Voir mon dossier',
    finish: 'Terminer',
  },
  en: {
    title: 'Your fingerprints were received',
    protected: (photos: number, videos: number) =>
      `Partner platforms can now recognise copies of ${bothKinds(
        { photos, videos },
        (n) => (n > 1 ? `these ${n} photos` : 'this photo'),
        (n) => (n > 1 ? `these ${n} videos` : 'this video'),
        ' and ',
      )}.`,
    lowQuality: (photos: number, videos: number) =>
      `${bothKinds({ photos, videos }, (n) => `${n} photo${n > 1 ? 's' : ''}`, (n) => `${n} video${n > 1 ? 's' : ''}`, ' and ')} ` +
      `${photos + videos > 1 ? 'have' : 'has'} too little detail: exact copies will be recognised, edited copies may not be.`,
    keepTitle: 'Keep these two things',
    caseLabel: 'Case number',
    secretLabel: 'Secret',
    warning: 'Write them down or save them somewhere safe, now. Nobody can recover them, not even us: without them, this case can be neither seen nor withdrawn.',
    copy: 'Copy',
    copyCase: 'Copy the case number',
    copySecret: 'Copy the secret',
    copiedCase: 'Case number copied.',
    copiedSecret: 'Secret copied.',
    copyFailed: 'Copying did not work; select the text to copy it.',
    download: 'Download as a text file',
    print: 'Print',
    fileHeading: 'Notes',
    fileCase: (caseId: string) => `Case number: ${caseId}`,
    fileSecret: (secret: string) => `Secret: ${secret}`,
    fileWhere: (address: string) => `Page: ${address}`,
    seeCase: 'See my case',
    finish: 'Finish',
  },
});
