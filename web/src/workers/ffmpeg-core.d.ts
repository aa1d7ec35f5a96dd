// @ffmpeg/core ships no types: its Emscripten factory, typed where it is used (ffmpeg-frames.ts).
declare module '@ffmpeg/core' {
  const createFFmpegCore: (options: object) => Promise<unknown>;
  export default createFFmpegCore;
}
