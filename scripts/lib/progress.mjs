// Progress lines for the first-run scripts. On a terminal a spinner turns while a long step
// runs; without one (CI, pipes) each step prints one line when it starts and one when it ends,
// so a log never fills with carriage returns.

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * Runs `fn` under the label `label`, showing progress on stderr, and returns its result.
 * The result line names how long the step took; a thrown error marks the step failed.
 * @template T
 * @param {string} label
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function step(label, fn) {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let timer;
  if (tty) {
    let i = 0;
    timer = setInterval(() => process.stderr.write(`\r${FRAMES[i++ % FRAMES.length]} ${label}…`), 80);
  } else {
    process.stderr.write(`… ${label}\n`);
  }
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  try {
    const result = await fn();
    if (timer) clearInterval(timer);
    process.stderr.write(`${tty ? "\r\x1b[K" : ""}✓ ${label} (${seconds()} s)\n`);
    return result;
  } catch (error) {
    if (timer) clearInterval(timer);
    process.stderr.write(`${tty ? "\r\x1b[K" : ""}✗ ${label} (${seconds()} s)\n`);
    throw error;
  }
}
