/**
 * jpeg-js's decoder alone (CommonJS, `module.exports = decode`): its package entry also loads the
 * encoder, which needs Node's Buffer. Only the typed-array form is declared, the one we use.
 */
declare module 'jpeg-js/lib/decoder.js' {
  function decode(
    jpegData: Uint8Array,
    opts: {
      useTArray: true;
      colorTransform?: boolean;
      formatAsRGBA?: boolean;
      tolerantDecoding?: boolean;
      maxResolutionInMP?: number;
      maxMemoryUsageInMB?: number;
    },
  ): { width: number; height: number; data: Uint8Array };
  export = decode;
}
