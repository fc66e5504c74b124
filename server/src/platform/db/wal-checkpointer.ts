import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits checkpoints itself
 * every 1,000 pages: the commit then copies the log into the database file and fsyncs it, and the event loop stands
 * still for tens to hundreds of milliseconds (the p99 spikes of `bench:messages`). Here a worker thread with its own
 * connection runs PASSIVE checkpoints (they never block the writer or wait for it) a few times a second, and the
 * writer's automatic checkpoint is switched off while that worker lives.
 *
 * The worker starts only once the log has grown past START_BYTES (checked by an asynchronous stat), so the many small
 * databases of tests and CLI commands keep SQLite's default behaviour and never pay for a thread.
 * If the worker fails, the writer's automatic checkpoint comes back: the log never grows without bound.
 */
const START_BYTES = 1 << 20;
const WATCH_MS = 500;
/** How often the worker checkpoints while the log grows, and when it is idle. */
const BUSY_MS = 100;
const IDLE_MS = 2_000;
/** SQLite's default, restored if the worker goes away. */
const AUTOCHECKPOINT_PAGES = 1000;

// Plain CommonJS on purpose: it needs only the driver, so it starts in milliseconds without the TypeScript loader.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
let timer;
let lastLog = -1;
function checkpoint() {
  // [{ busy, log, checkpointed }]: log is the WAL's size in frames, checkpointed how many are in the database file.
  // The log stays the same size while nobody writes: then look less often.
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  const growing = result.log !== lastLog;
  lastLog = result.log;
  timer = setTimeout(checkpoint, growing ? workerData.busyMs : workerData.idleMs);
}
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage('started');
checkpoint();
`;

export interface WalCheckpointer {
  /** Stops watching and ends the worker (its connection closed) before the writer's connection closes. */
  stop(): Promise<void>;
}

export function checkpointInBackground(
  sqlite: BetterSqlite3.Database,
  file: string,
  onError: (error: unknown) => void,
): WalCheckpointer {
  let worker: Worker | undefined;
  let stopped = false;
  let stopping: Promise<void> | undefined;

  const watcher = setInterval(() => {
    stat(`${file}-wal`).then(
      (info) => {
        if (!stopped && !worker && info.size >= START_BYTES) start();
      },
      () => {}, // no log yet
    );
  }, WATCH_MS);
  watcher.unref();

  function start(): void {
    clearInterval(watcher);
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const started = new Worker(WORKER, { eval: true, workerData: { driver, file, busyMs: BUSY_MS, idleMs: IDLE_MS } });
    worker = started;
    // The writer stops checkpointing only once the worker's connection is open.
    started.once('message', () => {
      if (!stopped) sqlite.pragma('wal_autocheckpoint = 0');
    });
    started.once('error', (error) => {
      onError(error);
      fallBack();
    });
    started.once('exit', () => {
      if (!stopped) fallBack();
    });
    started.unref();
  }

  function fallBack(): void {
    worker = undefined;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }

  return {
    stop() {
      if (stopping) return stopping;
      stopped = true;
      clearInterval(watcher);
      const running = worker;
      stopping = running
        ? new Promise<void>((resolve) => {
            // Referenced again so that the process waits for the worker's exit instead of ending mid-close.
            running.ref();
            running.once('exit', () => resolve());
            running.postMessage('stop');
          })
        : Promise.resolve();
      return stopping;
    },
  };
}
