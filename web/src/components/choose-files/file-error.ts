/**
 * Why a photo or a video could not be fingerprinted, in the person's language. In English the page shows
 * hash-core's own sentence when it has one (the CLI's words, more specific: the format, the size);
 * in French, the sentence for the error's code.
 */
import { defineMessages } from '../../i18n/messages.js';
import type { Locale } from '../../i18n/locale.js';
import type { HashErrorCode } from '../../workers/hash-protocol.js';
import type { VideoErrorCode } from '../../workers/video-protocol.js';

export const fileErrorMessages = defineMessages({
  fr: {
    empty: 'Ce fichier est vide (0 octet).',
    'not-an-image': 'Ce fichier n’est pas une image.',
    video: 'Ce fichier ressemble à une vidéo, mais il n’a pas pu être lu.',
    'video-unreadable': 'Cette vidéo n’a pas pu être lue sur cet appareil (format inconnu ou fichier abîmé). Si vous le pouvez, enregistrez-la en MP4 et réessayez.',
    'no-picture': 'Ce fichier ne contient pas d’image (peut-être seulement du son) : il n’y a rien à protéger.',
    'unsupported-format': 'Ce format d’image ne peut pas être lu ici ; convertissez la photo en JPEG ou en PNG.',
    truncated: 'Ce fichier est incomplet : il s’arrête avant la fin de l’image (il a peut-être été coupé pendant un téléchargement ou une copie).',
    corrupt: 'Ce fichier est abîmé : l’image ne peut pas être lue.',
    'too-many-pixels': 'Cette image est trop grande pour être traitée ici (plus de 100 mégapixels).',
    'decoder-unavailable': 'Ce format d’image ne peut pas être lu sur cet appareil ; convertissez la photo en JPEG.',
    unreadable: 'Ce fichier n’a pas pu être lu comme une photo.',
    failed: 'Le calcul de l’empreinte s’est arrêté de façon inattendue ; réessayez.',
  },
  en: {
    empty: 'The file is empty (0 bytes).',
    'not-an-image': 'This file is not an image.',
    video: 'This looks like a video, but it could not be read.',
    'video-unreadable': 'This video could not be read on this device (unknown format or damaged file). If you can, save it as MP4 and try again.',
    'no-picture': 'This file has no picture (perhaps only sound): there is nothing to protect.',
    'unsupported-format': 'This image format cannot be read here; convert the photo to JPEG or PNG.',
    truncated: 'The file is incomplete: it ends before the image does (it may have been cut off while downloading or copying).',
    corrupt: 'The file is damaged: the image cannot be read.',
    'too-many-pixels': 'This image is too large to be handled here (over 100 megapixels).',
    'decoder-unavailable': 'This image format cannot be read on this device; convert the photo to JPEG.',
    unreadable: 'This file could not be read as a photo.',
    failed: 'Computing the fingerprint stopped unexpectedly; please try again.',
  },
});

export function fileErrorText(locale: Locale, code: HashErrorCode | VideoErrorCode, workerMessage?: string): string {
  if (locale === 'en' && workerMessage !== undefined) return asSentence(workerMessage);
  return fileErrorMessages[locale][code];
}

/** The CLI's words are a clause after the file name ("x.jpg: the file is empty"); on the page, a sentence. */
export function asSentence(clause: string): string {
  const text = clause.charAt(0).toUpperCase() + clause.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
