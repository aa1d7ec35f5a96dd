/** A one-line progress bar on stderr, drawn only when stderr is a terminal (never in pipes or logs). */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true && total > 1;
  let done = 0;
  let lastDraw = 0;
  const draw = () => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
  };
  return {
    tick() {
      done++;
      if (!enabled) return;
      const now = Date.now();
      if (now - lastDraw > 100 || done === total) {
        lastDraw = now;
        draw();
      }
    },
    finish() {
      if (enabled) stream.write('\r\x1b[K');
    },
  };
}
