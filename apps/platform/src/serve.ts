import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { BootstrapService } from '@lib/bootstrap';
import type { FirstBootCredentials } from '@lib/bootstrap';
import { describeConfig, loadConfig, processEnv } from '@lib/config';
import type { Config } from '@lib/config';
import { PlatformModule } from './platform.module';
import { checkServices } from './preflight/service-preflight';

// Security headers on every answer. The UI serves its scripts and styles as files: no inline
// script or style, no framing, forms post back to this site only.
const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: false,
};

function printCredentials(credentials: FirstBootCredentials): void {
  const lines = [
    'First boot: the admin user was created. These credentials are shown once.',
    `  email:     ${credentials.email}`,
    `  password:  ${credentials.password}`,
    `  API token: ${credentials.token}`,
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

/** Builds and starts the platform (HTTP server included) for the configured roles. */
export async function startPlatform(config: Config): Promise<NestExpressApplication> {
  await checkServices(config);
  const app = await NestFactory.create<NestExpressApplication>(PlatformModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.auth.trustProxy);
  app.use(helmet(HELMET_OPTIONS));
  // Connectors push whole bundles as one GraphQL variable; forms (login) are small.
  app.useBodyParser('json', { limit: `${config.http.maxBodyMb}mb` });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.enableShutdownHooks();
  await app.listen(config.http.port, config.http.host);
  const credentials = app.get(BootstrapService).firstBootCredentials;
  if (credentials) {
    printCredentials(credentials);
  }
  return app;
}

/** `threatloom [--app=…]`: validates the configuration, prints it (secrets masked), serves. */
export async function serve(appFlag: string | undefined): Promise<void> {
  const env = processEnv();
  const config = loadConfig({ env, appFlag });
  process.stderr.write(`threatloom: roles ${config.apps.join(', ')}, profile ${config.profile}\n`);
  for (const line of describeConfig(env)) {
    process.stderr.write(`  ${line}\n`);
  }
  const app = await startPlatform(config);
  process.stderr.write(
    `threatloom: listening on ${await app.getUrl()} (GraphQL at /graphql, health at /health)\n`,
  );
}
