// How the Node scripts under scripts/ and bench/ report a failure: one home for the text of an
// error and for a script's exit, so each entry point is `runMain('tag', main)`.
import process from 'node:process';

/**
 * The text of anything thrown: an Error's message (its stack with `stack`), else its string.
 * @param {unknown} error
 * @param {{ stack?: boolean }} [options]
 * @returns {string}
 */
export function errorText(error, options = {}) {
  if (!(error instanceof Error)) return String(error);
  return options.stack ? (error.stack ?? error.message) : error.message;
}

/**
 * Runs a script's `main`. A number it returns becomes the exit code. A failure is printed as
 * `[tag] message`; the script then exits with 1 at once (`exit`, the default: nothing left running
 * keeps it alive), or sets the exit code and lets what is pending finish (`exit: false`).
 * @param {string} tag
 * @param {() => Promise<number | void> | number | void} main
 * @param {{ stack?: boolean; exit?: boolean }} [options]
 * @returns {Promise<void>}
 */
export async function runMain(tag, main, options = {}) {
  try {
    const code = await main();
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    console.error(`[${tag}] ${errorText(error, options)}`);
    if (options.exit ?? true) process.exit(1);
    process.exitCode = 1;
  }
}
