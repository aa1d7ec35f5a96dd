// CMYK JPEGs through the CLI's pure-JS decoder, in a chunk of its own: most people never need it.
export { decodeUprightJpeg as decodeCmykJpeg } from '@disrupt/hash-core';
