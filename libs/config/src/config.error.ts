import { AppError } from '@lib/kernel';

export type ConfigProblem = { variable: string; message: string };

/** Every bad variable at once, so a broken deployment is fixed in one round. */
export class ConfigError extends AppError {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super({
      code: 'CONFIG_INVALID',
      category: 'validation',
      message: `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`,
      details: { problems },
    });
    this.problems = problems;
  }
}
