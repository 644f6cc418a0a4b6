/**
 * Starts and stops the embedded Neo4j (the Java launcher in `launcher/`) for machines without Docker.
 *
 * Usage: `const neo4j = await startEmbeddedNeo4j({ port: 7687, dataDir: '.data/neo4j' }); … await neo4j.stop();`
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const LAUNCHER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'launcher');
export const LAUNCHER_JAR = path.join(LAUNCHER_DIR, 'target', 'archipel-neo4j.jar');

/** A start-up problem the user can fix; printed as a paragraph, never as a stack trace. */
export class StartupError extends Error {
  override name = 'StartupError';
}

const TWO_WAYS =
  'Either install a JDK 17+ and Maven (e.g. `apt-get install openjdk-17-jdk-headless maven`), ' +
  'or run Archipel with Docker: `docker compose up` (see README.md).';

export interface EmbeddedNeo4j {
  uri: string;
  /** Stops the JVM cleanly (SIGTERM, Neo4j checkpoints and closes its store). */
  stop(): Promise<void>;
  /** The launcher process, for tests that need to kill it abruptly. */
  process: ChildProcess;
}

export interface EmbeddedOptions {
  port: number;
  dataDir: string;
  host?: string;
  pageCacheMb?: number;
  /** JVM heap (default 1024 MB): bulk loads of millions of rows collect less with more. */
  heapMb?: number;
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

/** The launcher JVM's options: a serial collector (the machine has 2 cores) and a fixed-ceiling heap. */
export function embeddedJvmOptions(heapMb = 1024): string[] {
  return ['-XX:+UseSerialGC', `-Xms${Math.min(256, heapMb)}m`, `-Xmx${heapMb}m`];
}

function commandWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

/** Builds the launcher jar with Maven when it is missing or older than its sources. */
export function ensureLauncherBuilt(log: (line: string) => void = console.error): void {
  if (!commandWorks('java', ['-version'])) {
    throw new StartupError(`Java was not found: the embedded Neo4j needs Java 17 or newer. ${TWO_WAYS}`);
  }
  if (existsSync(LAUNCHER_JAR) && statSync(LAUNCHER_JAR).mtimeMs >= newestSource(LAUNCHER_DIR)) return;
  if (!commandWorks('mvn', ['-v'])) {
    throw new StartupError(`Maven was not found: it builds the embedded Neo4j launcher. ${TWO_WAYS}`);
  }
  log('Building the embedded Neo4j launcher with Maven (first run only; downloads Neo4j 5.26 from Maven Central)…');
  const build = spawnSync('mvn', ['-q', '-B', '-f', path.join(LAUNCHER_DIR, 'pom.xml'), 'package'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    throw new StartupError(
      `Maven could not build the embedded Neo4j launcher (exit ${build.status}); see its output above. ${TWO_WAYS}`,
    );
  }
}

function newestSource(dir: string): number {
  const files = [path.join(dir, 'pom.xml'), ...listFiles(path.join(dir, 'src'))];
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port the OS considers free right now (for tests: a fresh Neo4j per run). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the launcher and resolves once it prints its `ready` line (Bolt accepts connections).
 * The JVM is killed if this Node process exits first, so no orphan keeps the data directory locked.
 */
export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  ensureLauncherBuilt(log);
  if (!(await isPortFree(options.port, host))) {
    throw new StartupError(
      `Port ${options.port} on ${host} is already in use, so the embedded Neo4j cannot start there. ` +
        'Stop the other process (another Archipel or Neo4j?), set NEO4J_EMBEDDED_PORT to a free port, ' +
        'or set NEO4J_URI to use a running Neo4j.',
    );
  }
  mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(
    'java',
    [
      ...embeddedJvmOptions(options.heapMb),
      '-jar',
      LAUNCHER_JAR,
      '--host',
      host,
      '--port',
      String(options.port),
      '--data-dir',
      path.resolve(options.dataDir),
      '--page-cache-mb',
      String(options.pageCacheMb ?? 256),
      // The launcher stops when this pipe closes, which the OS does when this process dies in any
      // way (even `kill -9`), so no orphan JVM keeps the Bolt port and the store lock.
      '--exit-with-stdin',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));

  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 50) stderr.shift();
    log(`[neo4j] ${line}`);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new StartupError(
          `The embedded Neo4j did not start within ${(options.startTimeoutMs ?? 180_000) / 1000} s. Its last messages:\n${stderr.join('\n')}`,
        ),
      );
    }, options.startTimeoutMs ?? 180_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^ready (bolt:\/\/\S+)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new StartupError(
          `The embedded Neo4j exited (code ${code}) before it was ready. ` +
            `Its data directory is ${path.resolve(options.dataDir)}; if another Neo4j uses it, stop that one first. ` +
            `Last messages:\n${stderr.slice(-10).join('\n')}`,
        ),
      );
    });
  });

  return {
    uri,
    process: child,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const forceKill = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(forceKill);
    },
  };
}
