/**
 * Describes the machine a benchmark ran on, so that figures are never read without their context.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Database } from '../api/db/database.js';
import { embeddedJvmOptions } from '../api/db/embedded.js';

export interface MachineDescription {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  java: string;
  neo4j: string;
  /** The embedded launcher's JVM flags (api/db/embedded.ts) and the page cache this run used. */
  jvm: string;
  /** Load average when the run started: other work on the machine skews every figure. */
  loadAverage: number[];
}

export async function describeMachine(
  db: Database,
  memory: { pageCacheMb: number; heapMb: number },
  external: boolean,
): Promise<MachineDescription> {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const [neo4j] = await db.read(
    'CALL dbms.components() YIELD name, versions, edition RETURN name + " " + versions[0] + " " + edition AS v',
    {},
    (r) => r.get('v') as string,
  );
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}${osRelease()}`,
    node: process.version,
    java: (java.stderr || java.stdout).split('\n')[0]?.trim() ?? 'unknown',
    neo4j: neo4j ?? 'unknown',
    jvm: external
      ? 'external server'
      : `embedded: ${embeddedJvmOptions(memory.heapMb).join(' ')}, page cache ${memory.pageCacheMb} MB`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function osRelease(): string {
  try {
    const name = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    return name ? ` (${name})` : '';
  } catch {
    return '';
  }
}
