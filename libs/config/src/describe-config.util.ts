import { CONFIG_VARIABLES } from './config-variables';

/** One line per variable with its effective value; secrets masked. Printed at boot. */
export function describeConfig(env: Readonly<Record<string, string | undefined>>): string[] {
  return CONFIG_VARIABLES.map((variable) => {
    const given = env[variable.env];
    const value = given ?? ('default' in variable ? variable.default : undefined);
    const shown =
      value === undefined
        ? '(unset)'
        : 'secret' in variable && variable.secret
          ? '********'
          : value;
    return `${variable.env}=${shown}${given === undefined && value !== undefined ? ' (default)' : ''}`;
  });
}

/** The configuration table of the README. */
export function configMarkdown(): string {
  const rows = CONFIG_VARIABLES.map((variable) => {
    const def = 'default' in variable ? `\`${variable.default}\`` : '';
    const secret = 'secret' in variable && variable.secret ? 'yes' : '';
    return `| \`${variable.env}\` | ${variable.group} | ${def} | ${secret} | ${variable.description} |`;
  });
  return [
    '| Variable | Group | Default | Secret | Description |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
