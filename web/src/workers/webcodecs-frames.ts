/**
 * The native path, inside the worker: mediabunny (pure TypeScript) demuxes MP4, MOV, WebM, MKV,
 * Ogg and MPEG-TS by reading the File in pieces, and the browser's WebCodecs decoder turns each
 * sampled time into a frame (H.264, VP8, VP9, AV1; HEVC where the device has it). Only the frame
 * being hashed is held. Pixels are read with VideoFrame.copyTo into one reused buffer: drawing
 * frames on a canvas (here, or from a <video> element on the page) was measured keeping ~0.8 MB
 * per frame in Chromium until the end (+470 MB over a 10-minute clip); this stays flat.
 */
import { ALL_FORMATS, BlobSource, Input, VideoSampleSink, type InputVideoTrack } from 'mediabunny';
import type { Pixels } from '@disrupt/hash-core';
import { turnFrame } from './turn-frame.js';
import { VideoFailure } from './video-failure.js';

/** This path cannot read the file (container or codec): ffmpeg.wasm takes over. */
export class NativeUnsupported extends Error {
  override readonly name = 'NativeUnsupported';
}

/** Sampled times land on frame starts (t = 1 s at 30 fps is frame 30): a millisecond past avoids the previous frame through rounding. */
const PAST_S = 0.001;

export interface NativeVideo {
  durationMs: number;
  /** The frame shown at each time (seconds from the first frame), in order; undefined where there is none. */
  framesAt(times: readonly number[]): AsyncGenerator<Pixels | undefined>;
  close(): void;
}

export async function openNative(file: Blob): Promise<NativeVideo> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  let track: InputVideoTrack | null;
  try {
    track = await input.getPrimaryVideoTrack();
  } catch (error) {
    input.dispose();
    throw new NativeUnsupported(`demuxing: ${(error as Error).message}`);
  }
  try {
    if (!track) {
      const tracks = await input.getTracks();
      // A sound file: nothing to hash, and no need to load ffmpeg.wasm to say so.
      throw tracks.length > 0 ? new VideoFailure('no-picture', 'no video track') : new NativeUnsupported('no track');
    }
    if (!(await track.canDecode())) throw new NativeUnsupported(`WebCodecs cannot decode ${track.codec ?? 'this codec'}`);
    const start = await track.getFirstTimestamp();
    const end = await track.computeDuration();
    const sink = new VideoSampleSink(track);
    return {
      durationMs: Math.round(Math.max(0, end - start) * 1000),
      framesAt: (times) => drawn(sink, times.map((t) => start + t + PAST_S)),
      close: () => input.dispose(),
    };
  } catch (error) {
    input.dispose();
    throw error;
  }
}

async function* drawn(sink: VideoSampleSink, timestamps: number[]): AsyncGenerator<Pixels | undefined> {
  let buffer = new Uint8Array(0);
  for await (const sample of sink.samplesAtTimestamps(timestamps)) {
    if (!sample) {
      yield undefined;
      continue;
    }
    try {
      const { width, height } = sample.visibleRect;
      const size = width * height * 4;
      if (buffer.length !== size) buffer = new Uint8Array(size);
      await sample.copyTo(buffer, { format: 'RGBA', colorSpace: 'srgb' });
      // As a player shows it: the header's rotation applied (the pixels are square in nearly every file).
      yield turnFrame({ width, height, data: buffer }, sample.rotation, sample.flip);
    } finally {
      sample.close();
    }
  }
}
