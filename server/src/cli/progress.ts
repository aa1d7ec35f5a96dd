/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal (never in pipes or
 * logs). Output lines go to stdout, often the same terminal: `clear()` before each one keeps the
 * bar from running into them, and the next `tick()` draws it again below.
 */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true && total > 1;
  let done = 0;
  let lastDraw = 0;
  let visible = false;
  const draw = () => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
    visible = true;
  };
  const clear = () => {
    if (visible) stream.write('\r\x1b[K');
    visible = false;
  };
  return {
    clear,
    tick() {
      done++;
      if (!enabled) return;
      const now = Date.now();
      if (now - lastDraw > 100 || done === total) {
        lastDraw = now;
        draw();
      }
    },
    finish: clear,
  };
}
