/**
 * Keeps the embedded Neo4j running. When its JVM dies without being asked to stop (a crash, an
 * out-of-memory kill, `kill -9`), it is started again on the same port and data directory, with
 * bounded exponential back-off (cockatiel's retry policy, the library that also breaks the circuit
 * to an unreachable database in database.ts); the driver reconnects by itself once Bolt answers again.
 * If every attempt fails the supervisor gives up and says so: liveness then fails, so that an
 * orchestrator restarts the service instead of leaving an API that can only answer
 * SERVICE_UNAVAILABLE.
 *
 * Usage: `const neo4j = await superviseEmbeddedNeo4j(() => startEmbeddedNeo4j(opts), { log });`
 */
import { ExponentialBackoff, handleAll, retry } from 'cockatiel';
import type { EmbeddedNeo4j } from './embedded.js';

export type SupervisorState = 'running' | 'restarting' | 'failed' | 'stopped';

export interface SupervisorOptions {
  /** Start attempts after a crash before giving up. */
  attempts: number;
  /** Wait before the first attempt; each further one waits twice as long, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs?: number;
  log: (line: string) => void;
}

export interface SupervisedNeo4j {
  readonly uri: string;
  state(): SupervisorState;
  /** Restarts after crashes so far. */
  restarts(): number;
  /** The JVM running now (tests kill it). */
  current(): EmbeddedNeo4j;
  stop(): Promise<void>;
}

export async function superviseEmbeddedNeo4j(
  start: () => Promise<EmbeddedNeo4j>,
  options: SupervisorOptions,
): Promise<SupervisedNeo4j> {
  let current = await start();
  let state: SupervisorState = 'running';
  let restarts = 0;
  let restarting: Promise<void> | null = null;
  // Read through a function: `stop()` can change the state while a restart awaits.
  const stopped = () => state === 'stopped';

  const restart = async () => {
    state = 'restarting';
    const policy = retry(handleAll, {
      // The first attempt follows the crash at once (the caller waited `firstDelayMs` already).
      maxAttempts: Math.max(0, options.attempts - 1),
      backoff: new ExponentialBackoff({ initialDelay: options.firstDelayMs, maxDelay: options.maxDelayMs ?? 30_000 }),
    });
    let attempt = 0;
    policy.onFailure(({ reason }) => {
      attempt++;
      const error = 'error' in reason ? reason.error : reason.value;
      options.log(
        `The embedded Neo4j did not restart (attempt ${attempt} of ${options.attempts}): ${firstLine(error)}` +
          (attempt < options.attempts ? '; trying again.' : '; giving up: liveness now fails.'),
      );
    });
    try {
      current = await policy.execute(({ signal }) => {
        if (stopped() || signal.aborted) throw new Error('stopped');
        return start();
      });
      if (stopped()) return void (await current.stop());
      restarts++;
      state = 'running';
      options.log(`The embedded Neo4j is back (${current.uri}).`);
      watch(current);
    } catch {
      if (!stopped()) state = 'failed';
    }
  };

  const watch = (neo4j: EmbeddedNeo4j) => {
    neo4j.process.once('exit', (code, signal) => {
      if (stopped() || neo4j !== current) return;
      options.log(
        `The embedded Neo4j stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it in ${options.firstDelayMs} ms.`,
      );
      // The policy waits only between attempts; the first one waits here, so a JVM that crashes
      // at once does not spin.
      restarting = delay(options.firstDelayMs).then(restart);
    });
  };
  watch(current);

  return {
    uri: current.uri,
    state: () => state,
    restarts: () => restarts,
    current: () => current,
    async stop() {
      state = 'stopped';
      await restarting;
      await current.stop();
    },
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];
