// Video hashing in Node with the system's ffmpeg (the CLI and /v1/match/file).
export { hashVideoFile, type HashVideoOptions, type HashedVideo } from './hash-video-file.js';
export { probeVideo, type VideoProbe } from './probe-video.js';
export { FFMPEG_MISSING_MESSAGE, videoTools, type VideoTools } from './ffmpeg-tools.js';
