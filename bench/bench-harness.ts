import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { PlatformModule } from '@app/platform';
import { loadConfig } from '@lib/config';
import { IngestionService } from '@lib/ingestion';
import type { IngestionRun } from '@lib/ingestion';
import { systemContext } from '@lib/rbac';
import { SqliteDatabase } from '@lib/sqlite';

/** Samples RSS while a phase runs; `peakMb` also reads the kernel's high-water mark. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 50) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    const kernelPeak = process.resourceUsage().maxRSS * 1024;
    return Math.round(Math.max(this.peak, kernelPeak) / (1024 * 1024));
  }
}

/**
 * Where a phase's time went: CPU seconds of the whole process (every thread: the main thread, the
 * SQLite writer and checkpointer), the cores that kept busy on average, and the share of the wall
 * time the main thread's event loop was busy (near 1: the main thread is what the phase waits on);
 * given a platform with a SQLite writer thread, that thread's share too (`writer_thread_busy`).
 */
export class CpuMeter {
  private readonly cpu = process.cpuUsage();
  private readonly loop = performance.eventLoopUtilization();
  private readonly start = performance.now();
  private readonly writerActiveMs: () => number | undefined;
  private readonly writerStart: number | undefined;

  constructor(platform?: INestApplicationContext) {
    const database = platform?.get(SqliteDatabase, { strict: false });
    this.writerActiveMs = () => database?.writer.activeMs();
    this.writerStart = this.writerActiveMs();
  }

  stop(): {
    cpu_s: number;
    cores_used: number;
    main_thread_busy: number;
    writer_thread_busy?: number;
  } {
    const used = process.cpuUsage(this.cpu);
    const cpu = (used.user + used.system) / 1e6;
    const wallMs = performance.now() - this.start;
    const busy = performance.eventLoopUtilization(this.loop).utilization;
    const writerEnd = this.writerActiveMs();
    const round = (value: number) => Number(value.toFixed(2));
    return {
      cpu_s: round(cpu),
      cores_used: round(cpu / (wallMs / 1000)),
      main_thread_busy: round(busy),
      ...(this.writerStart !== undefined && writerEnd !== undefined
        ? { writer_thread_busy: round((writerEnd - this.writerStart) / wallMs) }
        : {}),
    };
  }
}

/**
 * A fresh embedded platform (no HTTP, no roles) on a temporary data directory, or on `keepDir`
 * (created if needed, kept on close: a corpus built once serves several runs).
 */
export async function freshPlatform(
  extraEnv: Record<string, string> = {},
  keepDir?: string,
): Promise<{ app: INestApplicationContext; dir: string; close(): Promise<void> }> {
  const dir = keepDir ?? mkdtempSync(join(tmpdir(), 'tl-bench-'));
  mkdirSync(dir, { recursive: true });
  const config = loadConfig({
    env: {
      THREATLOOM_LOG_LEVEL: 'error',
      // THREATLOOM_* variables of the shell apply, to measure a setting (say the SQLite cache).
      ...Object.fromEntries(
        Object.entries(process.env).filter(([name]) => name.startsWith('THREATLOOM_')),
      ),
      ...extraEnv,
      THREATLOOM_DATA_DIR: dir,
    },
    appFlag: 'worker',
  });
  const app = await NestFactory.createApplicationContext(PlatformModule.forRoot(config, []), {
    logger: ['error'],
  });
  return {
    app,
    dir,
    close: async () => {
      await app.close();
      if (!keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function openRun(app: INestApplicationContext, name: string): Promise<IngestionRun> {
  return app
    .get(IngestionService)
    .openRun({ ctx: systemContext('bench'), connectorId: 'bench', workName: name });
}

export function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
