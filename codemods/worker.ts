/**
 * One worker of `--cpus N`: sets up its own lint (as the command does) and processes the files the
 * command hands it one at a time, answering with each file's outcome (workers.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';

import { projectFormatter } from './format.js';
import { lintSetup } from './lint-setup.js';
import { codemodById } from './registry.js';
import type { Codemod } from './registry.js';
import { processFile } from './run.js';
import type { FileOptions } from './run.js';
import type { FromWorker, ToWorker, WorkerSetup } from './workers.js';

const port = parentPort;
if (!port) throw new Error('codemods/worker.js runs as a worker thread of the async-db command');
const data = workerData as WorkerSetup;
const selected = data.codemods.map((id) => codemodById(id)).filter((codemod): codemod is Codemod => codemod !== undefined);
const setup = await lintSetup(data.cwd, selected, data.mode, data.setup);
const format = data.format ? await projectFormatter(data.cwd) : undefined;
const options: FileOptions = { cwd: data.cwd, selected, setup, dry: data.dry, wantDiff: data.wantDiff, ...(format ? { format } : {}) };
const send = (message: FromWorker): void => {
  port.postMessage(message);
};

port.on('message', (message: ToWorker) => {
  if (message.type === 'done') {
    send({ type: 'lint', lint: { config: setup.description, typed: setup.typed } });
    port.close();
    return;
  }
  void processFile(message.file, options).then((outcome) => {
    send({ type: 'outcome', index: message.index, outcome });
  });
});
send({ type: 'ready' });
