/** What each decoder hands back to decode.ts: RGBA 8-bit, top-down, sRGB, upright. */
export interface RawImage {
  width: number;
  height: number;
  data: Uint8Array;
}
