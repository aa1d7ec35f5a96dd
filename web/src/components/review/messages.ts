import { defineMessages } from '../../i18n/messages.js';

/** Frames a second when `seconds` divides a second (1 → 1, 0.5 → 2), else undefined. */
function framesPerSecond(seconds: number): number | undefined {
  const count = Math.round(1 / seconds);
  return count >= 1 && Math.abs(count * seconds - 1) < 1e-9 ? count : undefined;
}

/** A sampling interval as the review says it: "deux images par seconde", "une image toutes les 1,1 secondes". */
function frSampling(seconds: number): string {
  const count = framesPerSecond(seconds);
  if (count === 1) return 'une image par seconde';
  if (count === 2) return 'deux images par seconde';
  if (count !== undefined) return `${count} images par seconde`;
  return `une image toutes les ${seconds.toLocaleString('fr')} secondes`;
}

/** The same in English: "two frames per second", "one frame every 1.1 seconds". */
function enSampling(seconds: number): string {
  const count = framesPerSecond(seconds);
  if (count === 1) return 'one frame per second';
  if (count === 2) return 'two frames per second';
  if (count !== undefined) return `${count} frames per second`;
  return `one frame every ${seconds.toLocaleString('en')} seconds`;
}

export const messages = defineMessages({
  fr: {
    title: 'Vérifiez ce qui sera envoyé',
    intro: 'Seul ce qui figure ci-dessous est envoyé : pour chaque photo ou vidéo, ses empreintes. Ni la photo ou la vidéo, ni son nom, ni le lieu ou la date de prise de vue.',
    videoFrames: 'Images de la vidéo dont l’empreinte est envoyée',
    videoDuration: 'Durée',
    videoSampling: 'Échantillonnage',
    everySeconds: frSampling,
    /** `seconds` is sparser than `usual`, so at most one frame a second: "une image … est prise". */
    sparse: (seconds: number, usual: number) => `Cette vidéo est longue : pour que l’envoi reste léger, ${frSampling(seconds)} est prise (au lieu ${frSampling(usual).startsWith('une') ? 'd’' : 'de '}${frSampling(usual)}). Les copies de la vidéo seront reconnues de la même façon ; un très court extrait pourrait l’être moins bien.`,
    frameList: (n: number) => `Voir les ${n} empreintes d’images (instant, empreinte PDQ, niveau de détail)`,
    lowQualityVideo: 'Cette vidéo a peu d’images assez détaillées pour être protégées de façon fiable : ses copies exactes seront reconnues, mais pas forcément ses copies retouchées.',
    dimVideo: 'Une grande partie de cette vidéo est sombre ou peu détaillée. Ses copies seront quand même reconnues, réencodées, redimensionnées, plus sombres ou plus claires ; une copie recadrée ou encadrée, ou un extrait de quelques secondes, pourrait ne pas l’être.',
    removeVideo: 'Ne pas envoyer cette vidéo',
    nameNotSent: 'nom affiché ici seulement, jamais envoyé',
    pdq: 'Empreinte PDQ',
    blockhash: 'Empreinte blockhash',
    md5: 'Empreinte MD5 (copies exactes)',
    sha256: 'Empreinte SHA-256 (copies exactes)',
    quality: 'Niveau de détail (sur 100)',
    variants: (n: number) => `${n} empreintes de variantes (recadrages, légère rotation, miroir, bords retirés, un côté masqué), pour reconnaître les copies retouchées`,
    size: 'Dimensions (non envoyées)',
    lowQuality: 'Cette image a trop peu de détails pour être protégée de façon fiable : ses copies exactes seront reconnues, mais pas forcément ses copies retouchées.',
    remove: 'Ne pas envoyer cette photo',
    exactTitle: 'Voir exactement les données envoyées',
    count: (n: number) => `${n} fichier${n > 1 ? 's' : ''} à protéger.`,
    skipped: (n: number) => `${n} fichier${n > 1 ? 's' : ''} sans empreinte ne ser${n > 1 ? 'ont' : 'a'} pas envoyé${n > 1 ? 's' : ''}.`,
    send: 'Envoyer les empreintes',
    sending: 'Envoi en cours…',
    retry: 'Réessayer l’envoi',
    back: 'Revenir à mes fichiers',
    nothing: 'Il ne reste aucune photo ni vidéo à envoyer.',
  },
  en: {
    title: 'Check what will be sent',
    intro: 'Only what is below is sent: for each photo or video, its fingerprints. Not the photo or video, not its name, not where or when it was taken.',
    videoFrames: 'Frames of the video whose fingerprint is sent',
    videoDuration: 'Duration',
    videoSampling: 'Sampling',
    everySeconds: enSampling,
    sparse: (seconds: number, usual: number) => `This video is long: to keep what is sent small, ${enSampling(seconds)} is taken (instead of ${enSampling(usual)}). Copies of the video will be recognised just the same; a very short excerpt may be recognised less well.`,
    frameList: (n: number) => `See the ${n} frame fingerprints (time, PDQ fingerprint, level of detail)`,
    lowQualityVideo: 'This video has few frames with enough detail to be protected reliably: exact copies will be recognised, but edited copies may not be.',
    dimVideo: 'Much of this video is dark or has little detail. Its copies will still be recognised, re-encoded, resized, darker or brighter; a cropped or framed copy, or an excerpt of a few seconds, may not be.',
    removeVideo: 'Do not send this video',
    nameNotSent: 'name shown here only, never sent',
    pdq: 'PDQ fingerprint',
    blockhash: 'Blockhash fingerprint',
    md5: 'MD5 fingerprint (exact copies)',
    sha256: 'SHA-256 fingerprint (exact copies)',
    quality: 'Level of detail (out of 100)',
    variants: (n: number) => `${n} fingerprints of variants (crops, slight turns, mirror, borders removed, one side left out), to recognise edited copies`,
    size: 'Dimensions (not sent)',
    lowQuality: 'This image has too little detail to be protected reliably: exact copies will be recognised, but edited copies may not be.',
    remove: 'Do not send this photo',
    exactTitle: 'See exactly the data sent',
    count: (n: number) => `${n} file${n > 1 ? 's' : ''} to protect.`,
    skipped: (n: number) => `${n} file${n > 1 ? 's' : ''} without a fingerprint will not be sent.`,
    send: 'Send the fingerprints',
    sending: 'Sending…',
    retry: 'Try sending again',
    back: 'Back to my files',
    nothing: 'There is no photo or video left to send.',
  },
});
