import { describe, expect, it } from 'vitest';
import { ItemValidationError } from '../item.js';
import { parseVpdqText, toVpdqText } from './vpdq-text.js';
import { readdirSync, readFileSync } from 'node:fs';
import { describeWithShared, sharedPath } from '../test-support/shared.js';

const A = '122abcd9dc6c1f25d892ec7fccdbb4b04949e2b434b44be0b6834b496b6bf206';
const B = '330cacd9dd6c1f24d8b2cc5fcddab4b8c849e6b494b44bf0b4832bc94b4bf206';

describe('vPDQ text', () => {
  it('writes frameNumber,quality,hash,timestamp lines with 3-decimal timestamps', () => {
    const text = toVpdqText({ frames: [{ t: 0, pdq: A, quality: 100 }, { t: 0.933, pdq: B, quality: 42, pdqCenter90: A }] });
    expect(text).toBe(`0,100,${A},0.000\n1,42,${B},0.933\n`);
  });
  it('reads it back (Windows line ends, blank lines, upper case, out-of-order lines)', () => {
    const item = parseVpdqText(`25,100,${B.toUpperCase()},1.000\r\n\r\n0,100,${A},0.000\r\n`);
    expect(item).toEqual({ type: 'video', frames: [{ t: 0, pdq: A, quality: 100 }, { t: 1, pdq: B, quality: 100 }] });
    expect(parseVpdqText(toVpdqText(item))).toEqual(item);
  });
  it.each([
    [`0,100,${A}`, 'line 1', 'got 3 fields'],
    [`0,100,${A},0.000\nx,100,${A},1.000`, 'line 2', 'frame number'],
    [`0,101,${A},0.000`, 'line 1', 'quality'],
    [`0,100,${A.slice(2)},0.000`, 'line 1', '64 hex'],
    [`0,100,${A},-1`, 'line 1', 'timestamp'],
    [`0,100,${A},`, 'line 1', 'timestamp'],
    ['\n\n', 'vpdq', 'no frame lines'],
  ])('rejects %j naming the line', (text, field, reason) => {
    try {
      parseVpdqText(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ItemValidationError);
      expect((error as ItemValidationError).field).toBe(field);
      expect((error as ItemValidationError).message).toContain(reason);
    }
  });
});

describeWithShared('vPDQ text of the reference (../shared/reference/vpdq)', () => {
  const folder = sharedPath('reference', 'vpdq');
  it.each(readdirSync(folder).filter((f) => f.endsWith('.txt')))('%s reads and writes back the same frames', (name) => {
    const text = readFileSync(`${folder}/${name}`, 'utf8');
    const item = parseVpdqText(text);
    expect(item.frames.length).toBe(text.trim().split('\n').length);
    const times = text.trim().split('\n').map((line) => line.split(',')[3]);
    expect(toVpdqText(item).trim().split('\n').map((line) => line.split(',')[3])).toEqual(times);
  });
});
