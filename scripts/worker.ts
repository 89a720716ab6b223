/**
 * `npm run worker`: runs Birge's jobs (reminders, deliveries, snapshots…) in a process of its own,
 * beside web processes started with BIRGE_JOBS=off. Any number of workers and web processes may run
 * on one PostgreSQL: each job row is claimed by one runner (FOR UPDATE SKIP LOCKED) and a schedule
 * fires once per period. With the embedded database the web process runs the jobs itself and the
 * worker cannot start beside it (one process may open PGlite).
 *
 * It migrates nothing and seeds nothing: start the web server (or `birge migrate`) first.
 */
import { startApp } from '../src/lib/server/app';
import { loadConfig } from '../src/lib/server/config';
import { moduleJobs, startJobs } from '../src/lib/server/core';
import { MODULES } from '../src/lib/server/modules';
import { BOT_JOBS } from '../src/lib/server/bot/jobs';
import { log } from '../src/lib/server/log';

const config = loadConfig();
const app = await startApp({ config, prepare: false });
const jobs = [...moduleJobs(MODULES), ...BOT_JOBS];
const { runner, stop } = startJobs(app.platform, app.database.db, jobs);
log.info('birge worker ready', {
	database: app.database.kind,
	worker: runner.workerId,
	jobs: jobs.map((j) => j.name)
});

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	log.info('worker stopping', { signal });
	// The running tick finishes; anything claimed and unfinished is picked up again after its lease.
	await stop();
	await app.close();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
// Keeps the process alive (the runner's timers are unref'd so that tests and the web server can exit).
setInterval(() => {}, 1 << 30);
