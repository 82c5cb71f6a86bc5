// Terminal colour, only when stdout is a TTY (and NO_COLOR is unset), so CI logs stay plain.
import pc from 'picocolors';

const enabled = !!process.stdout.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
const colors = pc.createColors(enabled);

export const style = {
  red: colors.red,
  green: colors.green,
  yellow: colors.yellow,
  bold: colors.bold,
  dim: colors.dim,
  cyan: colors.cyan,
};

/** Progress line on stderr, so piping stdout (`render | kubectl apply`) stays clean. */
export function progress(message: string): void {
  if (process.env.MATRYOSHKA_QUIET) return;
  process.stderr.write(`${style.dim('›')} ${message}\n`);
}
