// The contract every CLI command module (cli/commands/<name>.ts) fulfils.
export interface Command {
  /** one line for `matryoshka --help` */
  summary: string;
  /** full help text for `matryoshka <name> --help` */
  usage: string;
  /** returns the process exit code: 0 ok, 1 findings/failure, 2 usage error */
  run(argv: string[]): Promise<number>;
}

export class UsageError extends Error {}
