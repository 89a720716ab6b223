// A local S3-compatible server (s3rver) for tests and development: the S3 file-store driver's tests
// and the two-instance evidence test run against it in CI.
//   node scripts/s3-server.js [--port 4568] [--dir /tmp/birge-s3] [--bucket birge-test]
// Prints "ready http://127.0.0.1:<port>" when it accepts requests; stops on SIGTERM/SIGINT.
// Credentials are s3rver's fixed S3RVER/S3RVER. Not for production data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(arg('port', '4568'));
const directory = arg('dir', path.join(os.tmpdir(), 'birge-s3'));
const buckets = arg('bucket', 'birge-test').split(',');
fs.mkdirSync(directory, { recursive: true });

const server = new S3rver({
	address: '127.0.0.1',
	port,
	directory,
	silent: true,
	configureBuckets: buckets.map((name) => ({ name }))
});
const { port: actual } = await server.run();
console.log(`ready http://127.0.0.1:${actual}`);

const stop = async () => {
	await server.close();
	process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
