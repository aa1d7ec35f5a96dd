/**
 * `disrupt hash` through its real interface: the built command, run as a process, its stdout
 * parsed line by line and its exit code checked — what a user (or a script of theirs) sees.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImageItemSchema, VideoItemSchema, hamming, parseVpdqText, PDQ_DIHEDRAL_NAMES, perceptualHashes } from '@disrupt/hash-core';
import { decodeImage, FFMPEG_MISSING_MESSAGE, hashVideoFile } from '@disrupt/hash-core/node';
import { Value } from 'typebox/value';
import { beforeAll, describe, expect, it } from 'vitest';
import { texturedPicture } from '../../../hash-core/src/test-support/pictures.js';
import { suiteScratchDir, testScratchDir } from '../../../hash-core/src/test-support/scratch.js';
import { encodePng } from '../../test/platform-helpers.js';
import { describeWithShared, readTsv, repoRoot, sharedPath } from '../../../hash-core/src/test-support/shared.js';
import { describeWithFfmpeg, hasFfmpeg, makeTestVideo } from '../../../hash-core/src/test-support/videos.js';

const CLI = join(repoRoot, 'server/dist/cli/main.js');
const FIXTURES = join(repoRoot, 'fixtures/images');

function disrupt(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...options.env } });
  const lines = run.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: run.status, lines, stdout: run.stdout, stderr: run.stderr };
}

function itemOf(line: Record<string, unknown>) {
  const { file: _file, width: _w, height: _h, ...item } = line;
  return item;
}

describe('disrupt hash', () => {
  it('hashes a folder recursively, in sorted order, one valid Item per line, exit 0', () => {
    const dir = testScratchDir('disrupt-cli-');
    mkdirSync(join(dir, 'b-sub'));
    copyFileSync(join(FIXTURES, 'pattern.png'), join(dir, 'c.png'));
    copyFileSync(join(FIXTURES, 'orientation-6.jpg'), join(dir, 'a.jpg'));
    copyFileSync(join(FIXTURES, 'pattern.webp'), join(dir, 'b-sub', 'x.webp'));
    writeFileSync(join(dir, '.DS_Store'), 'hidden metadata');
    const { code, lines, stderr } = disrupt(['hash', dir]);
    expect(stderr).toBe(''); // no progress bar when stderr is not a terminal
    expect(code).toBe(0);
    expect(lines.map((l) => l.file)).toEqual([join(dir, 'a.jpg'), join(dir, 'b-sub', 'x.webp'), join(dir, 'c.png')]);
    for (const line of lines) {
      // The variants follow (PDQ's, those under quality 50 left out: these small flat fixtures have few; then the side blockhashes).
      expect(Object.keys(line).slice(0, 9)).toEqual(['file', 'type', 'width', 'height', 'sha256', 'md5', 'pdq', 'quality', 'blockhash']);
      expect(Object.keys(line).slice(9).filter((k) => !/^(pdq|blockhash(Top|Bottom|Left|Right)75$)/.test(k))).toEqual([]);
      expect(Value.Check(ImageItemSchema, itemOf(line))).toBe(true);
      expect([line.width, line.height]).toEqual([192, 128]); // orientation applied: the JPEG is stored 128×192
    }
  });

  it('prints what the library computes for the same file (exact digests, PDQ, blockhash)', async () => {
    const file = join(FIXTURES, 'pattern.png');
    const { lines } = disrupt(['hash', file]);
    const bytes = readFileSync(file);
    const expected = perceptualHashes(await decodeImage(bytes));
    expect(lines[0]).toMatchObject({ file, pdq: expected.pdq, quality: expected.quality, blockhash: expected.blockhash });
    expect(lines[0]!.sha256).toBe((await import('node:crypto')).createHash('sha256').update(bytes).digest('hex'));
    expect(lines[0]!.md5).toBe((await import('node:crypto')).createHash('md5').update(bytes).digest('hex'));
  });

  it('--dihedral adds the 8 rotations and flips, the first being the hash itself, and the mirrored picture\'s hashes', () => {
    const { code, lines } = disrupt(['hash', '--dihedral', join(FIXTURES, 'pattern.png')]);
    expect(code).toBe(0);
    const dihedral = lines[0]!.dihedral as string[];
    expect(dihedral).toHaveLength(8);
    expect(dihedral[0]).toBe(lines[0]!.pdq);
    expect(new Set(dihedral).size).toBe(8);
    // And, for a detailed photo, the picture mirrored: its PDQ (PDQ's own mirrored hash is near it) and its crops.
    const photo = join(testScratchDir('disrupt-cli-'), 'textured.png');
    writeFileSync(photo, encodePng(texturedPicture(400, 300, 12)));
    const [line] = disrupt(['hash', '--dihedral', photo]).lines;
    const mirrored = line!.mirrored as Record<string, string>;
    expect(Object.keys(mirrored)).toEqual(expect.arrayContaining(['pdq', 'pdqCenter90', 'pdqCenter80']));
    expect(hamming(mirrored.pdq!, (line!.dihedral as string[])[PDQ_DIHEDRAL_NAMES.indexOf('flipY')]!)).toBeLessThanOrEqual(24);
    expect(disrupt(['hash', photo]).lines[0]).not.toHaveProperty('mirrored');
  });

  it('reports each bad file on its own line, hashes the rest, and exits 1', () => {
    const files = ['empty.jpg', 'not-an-image.jpg', 'truncated.jpg', 'clip.mp4', 'bomb.png', 'pattern.png'].map((f) => join(FIXTURES, f));
    const missing = join(FIXTURES, 'does-not-exist.jpg');
    const { code, lines } = disrupt(['hash', ...files, missing]);
    expect(code).toBe(1);
    expect(lines.map((l) => l.file)).toEqual([...files, missing]);
    const errors = lines.map((l) => l.error);
    expect(errors[0]).toBe('the file is empty (0 bytes)');
    expect(errors[1]).toMatch(/^this file is not an image/);
    expect(errors[2]).toMatch(/^the JPEG file is incomplete/);
    // A video (by its bytes) goes to ffmpeg, which finds no movie in this 44-byte MP4 header.
    expect(errors[3]).toBe(hasFfmpeg ? 'this file is not a video ffmpeg can read (Invalid data found when processing input)' : FFMPEG_MISSING_MESSAGE);
    expect(errors[4]).toMatch(/900 megapixels, over the limit of 100 megapixels/);
    expect(errors[5]).toBeUndefined();
    expect(lines[5]!.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(errors[6]).toBe('no such file or folder');
    for (const line of lines.slice(0, 5)) expect(Object.keys(line)).toEqual(['file', 'error']);
  });

  it('explains usage mistakes with exit code 2', () => {
    const none = disrupt(['hash']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('hash needs at least one file or folder');
    const bad = disrupt(['hash', '--rotate', 'x.jpg']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--rotate/);
    const unknown = disrupt(['hsah']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "hsah"');
    const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('disrupt hash [--dihedral] [--interval <s>] [--format json|vpdq]');
  });

  it('draws a progress bar on a terminal, never mixed into the output lines', () => {
    // `script` gives the command a pseudo-terminal for stdout and stderr (util-linux, in Debian's base).
    const run = spawnSync('script', ['-qfec', `${process.execPath} ${CLI} hash fixtures/sample`, '/dev/null'], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\[#+-*\] [123]\/3 files/);
    // Each JSON line starts on a cleared line and is complete: the bar never runs into it.
    const lines = run.stdout.split(/\r?\n/).map((l) => l.replace(/^[\s\S]*\r\x1b\[K/, '')).filter((l) => l.startsWith('{'));
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('pdq');
  });

  it('runs as documented: `pnpm -s disrupt hash` from the repository root', () => {
    const run = spawnSync('pnpm', ['-s', 'disrupt', 'hash', 'fixtures/sample'], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(['fixtures/sample/pattern.png', 'fixtures/sample/transparent.png', 'fixtures/sample/turned-by-exif.jpg']);
  });
});

describeWithShared('disrupt hash on real photos agrees with Meta’s reference', () => {
  it('every corpus photo of quality >= 80 within 10 bits of jpeg.tsv (a sample of 30, both cores)', () => {
    const rows = readTsv(sharedPath('reference/pdq/jpeg.tsv')).filter((r) => Number(r.quality) >= 80).slice(0, 30);
    const { code, lines } = disrupt(['hash', ...rows.map((r) => sharedPath('corpus/images', r.file!))]);
    expect(code).toBe(0);
    const far = lines.filter((l, i) => hamming(l.pdq as string, rows[i]!.pdq!) > 10).map((l) => l.file);
    expect(far).toEqual([]);
  });
});

describeWithFfmpeg('disrupt hash on videos (system ffmpeg)', () => {
  const dir = suiteScratchDir('disrupt-cli-video-');
  const clip = join(dir, 'b-clip.mp4');
  beforeAll(() => {
    makeTestVideo(clip, { seconds: 4, width: 320, height: 240 });
    copyFileSync(join(FIXTURES, 'pattern.png'), join(dir, 'a.png'));
  });

  it('prints a video item per video (by its bytes, whatever its name) among the images of a folder', async () => {
    copyFileSync(clip, join(dir, 'c-named-like-a-photo.jpg'));
    const { code, lines, stderr } = disrupt(['hash', dir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lines.map((l) => [l.file, l.type])).toEqual([
      [join(dir, 'a.png'), 'image'],
      [clip, 'video'],
      [join(dir, 'c-named-like-a-photo.jpg'), 'video'],
    ]);
    const video = lines[1]!;
    expect(Object.keys(video)).toEqual(['file', 'type', 'width', 'height', 'sha256', 'md5', 'durationMs', 'frameInterval', 'frames']);
    expect(Value.Check(VideoItemSchema, itemOf(video))).toBe(true);
    expect(video).toMatchObject({ width: 320, height: 240, durationMs: 4000, frameInterval: 1 });
    expect((video.frames as { t: number }[]).map((f) => f.t)).toEqual([0, 1, 2, 3]);
    expect(itemOf(video)).toEqual((await hashVideoFile(clip)).item); // what the library computes
    expect(video.sha256).toBe(createHash('sha256').update(readFileSync(clip)).digest('hex'));
    rmSync(join(dir, 'c-named-like-a-photo.jpg'));
  });

  it('--interval sets the seconds between frames, and refuses what is not a number of seconds ≥ 0.1', () => {
    const { code, lines } = disrupt(['hash', '--interval', '0.5', clip]);
    expect(code).toBe(0);
    expect((lines[0]!.frames as { t: number }[]).map((f) => f.t)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
    expect(lines[0]!.frameInterval).toBe(0.5);
    for (const bad of ['0', '-1', 'abc', '']) {
      const run = disrupt(['hash', `--interval=${bad}`, clip]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--interval needs a number of seconds, at least 0.1');
    }
  });

  it('samples a video more sparsely when the interval asked would give over 3600 frames, and says so', { timeout: 60_000 }, () => {
    const long = join(dir, 'long', 'seven-minutes.mp4');
    mkdirSync(join(dir, 'long'));
    makeTestVideo(long, { seconds: 420, width: 64, height: 48, fps: 2 });
    const { code, lines, stderr } = disrupt(['hash', '--interval', '0.1', long]);
    expect(code).toBe(0);
    expect(lines[0]!.frameInterval).toBe(0.2); // 420 s / 3600 frames = 0.117 s, rounded up to a tenth
    expect((lines[0]!.frames as unknown[]).length).toBe(2100);
    expect(stderr).toBe(`note: ${long}: longer than 6 min, so its frames are sampled every 0.2 s instead of 0.1 s (at most 3600 frames)\n`);
  });

  it('--format vpdq prints the vPDQ text of one video, the same frames as the JSON', () => {
    const text = spawnSync(process.execPath, [CLI, 'hash', '--format', 'vpdq', clip], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^(\d+,\d+,[0-9a-f]{64},\d+\.\d{3}\n){4}$/);
    const json = disrupt(['hash', clip]).lines[0]!;
    const frames = json.frames as { t: number; pdq: string; quality: number }[];
    expect(parseVpdqText(text.stdout).frames).toEqual(frames.map(({ t, pdq, quality }) => ({ t, pdq, quality })));
    expect(disrupt(['hash', '--format', 'vpdq', clip, clip]).stderr).toContain('--format vpdq prints one video');
    expect(disrupt(['hash', '--format', 'vpdq', join(dir, 'a.png')])).toMatchObject({ code: 2, stderr: expect.stringContaining('needs a video file') });
    expect(disrupt(['hash', '--format', 'csv', clip])).toMatchObject({ code: 2, stderr: expect.stringContaining('--format is json or vpdq') });
  });

  it('says how to install ffmpeg when it is missing, still hashes the photos, and exits 1', () => {
    const env = { DISRUPT_FFMPEG: '/nonexistent/bin/ffmpeg' };
    const { code, lines } = disrupt(['hash', dir], { env });
    expect(code).toBe(1);
    expect(lines[0]).toHaveProperty('pdq');
    expect(lines[1]).toEqual({ file: clip, error: 'ffmpeg is needed to hash videos: apt-get install ffmpeg' });
    const vpdq = disrupt(['hash', '--format', 'vpdq', clip], { env });
    expect(vpdq.code).toBe(1);
    expect(vpdq.stderr).toBe(`disrupt: ${clip}: ffmpeg is needed to hash videos: apt-get install ffmpeg\n`);
  });
});

describeWithShared('disrupt hash --format vpdq agrees with Meta’s vPDQ', () => {
  it.skipIf(!hasFfmpeg)('on a corpus clip: every reference frame has ours at the same time within 31 bits', () => {
    const ours = parseVpdqText(spawnSync(process.execPath, [CLI, 'hash', '--format', 'vpdq', sharedPath('corpus/videos/v003.mp4')], { encoding: 'utf8' }).stdout);
    const reference = parseVpdqText(readFileSync(sharedPath('reference/vpdq/v003.txt'), 'utf8'));
    expect(ours.frames.map((f) => f.t)).toEqual(reference.frames.map((f) => f.t));
    reference.frames.forEach((frame, i) => expect(hamming(ours.frames[i]!.pdq, frame.pdq)).toBeLessThan(31));
  });
});
