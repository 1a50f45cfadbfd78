// The one place that reads the process environment (lint bans process.env elsewhere).
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return { ...process.env };
}
