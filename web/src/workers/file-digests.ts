/**
 * MD5 and SHA-256 of a file read in chunks through its stream (hash-core's createDigestStream):
 * a video of several gigabytes is never held whole in memory.
 */
import { createDigestStream, type ExactDigests } from '@disrupt/hash-core';

export async function streamDigests(file: Blob, onBytes: (bytesDone: number) => void): Promise<ExactDigests> {
  const digests = createDigestStream();
  const reader = file.stream().getReader();
  let done = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    digests.update(chunk.value);
    done += chunk.value.byteLength;
    onBytes(done);
  }
  return digests.digest();
}
