import { ConsoleLogger, type LoggerService, type LogLevel } from '@nestjs/common';
import type { Settings } from '#settings';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Structured JSON logs by default (LOG_FORMAT=pretty for humans), at LOG_LEVEL and above. */
export function createLogger(settings: Pick<Settings, 'LOG_FORMAT' | 'LOG_LEVEL'>): LoggerService {
  return new ConsoleLogger({ json: settings.LOG_FORMAT === 'json', logLevels: LEVELS.slice(0, LEVELS.indexOf(settings.LOG_LEVEL) + 1) });
}
