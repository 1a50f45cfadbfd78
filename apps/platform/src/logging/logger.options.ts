import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { LogConfig } from '@lib/config';

/** JSON logs with a correlation id per request; credentials never reach a log line. */
export function loggerOptions(log: LogConfig): Params {
  return {
    pinoHttp: {
      level: log.level,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && given.length <= 128 ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      autoLogging: { ignore: (req) => req.url === '/health' },
    },
  };
}
