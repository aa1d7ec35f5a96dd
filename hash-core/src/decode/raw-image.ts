/** What each decoder hands back, in Node and in the browser worker: RGBA, 8 bits a channel, rows top to bottom. */
export interface RawImage {
  width: number;
  height: number;
  data: Uint8Array;
}
