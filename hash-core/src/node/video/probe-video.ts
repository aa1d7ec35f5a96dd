/**
 * What ffprobe says of a video before it is decoded: the size of its frames as shown (rotation
 * applied, as ffmpeg applies it when decoding, and as browsers show it) and its duration.
 */
import { DecodeError } from '../../format/decode-error.js';
import { collectTail, exitCode, spawnTool, toolReason, videoTools, type VideoTools } from './ffmpeg-tools.js';

export interface VideoProbe {
  /** Frame size after rotation. */
  width: number;
  height: number;
  /** Degrees clockwise the frames are turned for display (0, 90, 180, 270). */
  rotation: number;
  /** Milliseconds, or null when the container does not say (e.g. some recorded WebM). */
  durationMs: number | null;
}

interface ProbeJson {
  streams?: { width?: number; height?: number; duration?: string; side_data_list?: { rotation?: number }[]; tags?: { rotate?: string } }[];
  format?: { duration?: string };
}

function seconds(value: string | undefined): number | null {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * The largest frame H.264 and H.265 define (level 6.2's MaxLumaPs: 8192 × 4320 fits). Frames are
 * decoded at full size, which costs ffmpeg about 15 bytes a pixel: ~0.5 GB here, but 1 GB for a
 * 200 KB file of 8192 × 8192 frames and more for VP9's 16384 × 16384, so larger is refused at once.
 */
export const MAX_VIDEO_FRAME_PIXELS = 35_651_584;

export function readProbe(json: ProbeJson): VideoProbe {
  const stream = json.streams?.[0];
  if (!stream || !stream.width || !stream.height) throw new DecodeError('unsupported-format', 'this file has no video track that ffmpeg can read');
  if (stream.width * stream.height > MAX_VIDEO_FRAME_PIXELS) {
    const megapixels = (pixels: number) => (pixels / 1e6).toFixed(1);
    throw new DecodeError(
      'too-many-pixels',
      `the video's frames are ${stream.width}×${stream.height} = ${megapixels(stream.width * stream.height)} megapixels, over the limit of ${megapixels(MAX_VIDEO_FRAME_PIXELS)} megapixels for videos`,
    );
  }
  const turn = stream.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? -Number(stream.tags?.rotate ?? 0);
  const rotation = (((-Math.round(turn / 90) * 90) % 360) + 360) % 360;
  const sideways = rotation === 90 || rotation === 270;
  // The video track's own duration first: the file's may include a longer sound track.
  const duration = seconds(stream.duration) ?? seconds(json.format?.duration);
  return {
    width: sideways ? stream.height : stream.width,
    height: sideways ? stream.width : stream.height,
    rotation,
    durationMs: duration === null ? null : Math.round(duration * 1000),
  };
}

export async function probeVideo(path: string, options: { tools?: VideoTools; signal?: AbortSignal } = {}): Promise<VideoProbe> {
  const { ffprobe } = options.tools ?? videoTools();
  const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,duration:stream_side_data=rotation:stream_tags=rotate:format=duration', '-of', 'json', '--', path];
  const { child, failed } = spawnTool(ffprobe, args, options.signal);
  const stderr = collectTail(child.stderr);
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await exitCode(child, failed);
  if (code !== 0) {
    const reason = toolReason(stderr(), path);
    throw new DecodeError('unsupported-format', `this file is not a video ffmpeg can read${reason ? ` (${reason})` : ''}`);
  }
  return readProbe(JSON.parse(out) as ProbeJson);
}
