/**
 * Structured logs (pino, JSON lines on stderr). Every request-scoped line carries `requestId`.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'archipel' } }, pino.destination(2));
}

/** A logger that writes nothing (tests, library use). */
export const silentLogger: Logger = pino({ level: 'silent' });
