// `matryoshka <command>`: a thin dispatcher. The command table below is static so that
// `matryoshka --help` loads no command module (their dependencies — ajv, yaml, helm runners —
// cost more start-up time than node itself); a command's module is imported only to run it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, UsageError } from './command.ts';
import { repoRoot } from '../paths.ts';
import { style } from './style.ts';

interface CommandEntry {
  /** one line for `matryoshka --help`; a test checks it equals the module's own `summary` */
  summary: string;
  load(): Promise<{ command: Command }>;
}

// Literal import() paths, so the build (scripts/build.mjs) sees every command module.
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  doctor: { summary: 'show the toolchain the tool will use (helm binaries, versions, paths)', load: () => import('./commands/doctor.ts') },
  generate: { summary: 'regenerate values.schema.json, values.yaml, READMEs, types and catalog templates from schemas/', load: () => import('./commands/generate.ts') },
  package: { summary: 'build a Helm chart repository (reproducible .tgz + index.yaml) and optionally push to OCI', load: () => import('./commands/package.ts') },
  plan: { summary: 'what an upgrade does: objects added/removed/changed, templates replaced, node groups that roll', load: () => import('./commands/plan.ts') },
  quickstart: { summary: 'the main job: generate, lint every chart with Helm 3 and 4, render and validate the default tenant', load: () => import('./commands/quickstart.ts') },
  render: { summary: 'render a tenant from your values file (helm template) and validate every object', load: () => import('./commands/render.ts') },
  schemas: { summary: 'regenerate or verify the committed strict schemas (kube-schemas/), or show where validate looks', load: () => import('./commands/schemas.ts') },
  validate: { summary: 'validate rendered manifests: strict schemas of every kind + cross-object wiring linter', load: () => import('./commands/validate.ts') },
};

export function commandNames(): string[] {
  return Object.keys(COMMANDS).sort();
}

export async function loadCommand(name: string): Promise<Command | undefined> {
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  return entry ? (await entry.load()).command : undefined;
}

function help(): string {
  const lines = ['Usage: matryoshka <command> [options]', '       matryoshka --version', '', 'Commands:'];
  for (const name of commandNames()) lines.push(`  ${name.padEnd(12)} ${COMMANDS[name]!.summary}`);
  lines.push('', 'Run `matryoshka <command> --help` for the options of a command.');
  lines.push('Exit codes: 0 ok, 1 findings or failure, 2 usage error.');
  return lines.join('\n');
}

/** The version of the package (package.json), read when asked so it is never stale. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A usage error: one line saying what is wrong, one line saying where the usage is. */
function usageError(message: string, helpCommand: string): number {
  console.error(`${style.red('error:')} ${message}\nsee \`${helpCommand} --help\``);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  if (name === '--version' || name === '-V') {
    console.log(packageVersion());
    return 0;
  }
  if (!name) {
    console.error(help());
    return 2;
  }
  if (name.startsWith('-')) return usageError(`unknown option "${name}" (options go after the command)`, 'matryoshka');
  const cmd = await loadCommand(name);
  if (!cmd) return usageError(`unknown command "${name}"; commands: ${commandNames().join(', ')}`, 'matryoshka');
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(cmd.usage);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (err) {
    if (err instanceof UsageError) return usageError(err.message, `matryoshka ${name}`);
    console.error(`${style.red('error:')} ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
