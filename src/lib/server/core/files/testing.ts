import { s3Store, type FileStore } from './store';

/**
 * The S3 driver runs against the server in BIRGE_TEST_S3_ENDPOINT (CI starts one with
 * scripts/s3-server.js); without it those tests are skipped and say so.
 */
export const S3_ENDPOINT: string | undefined = process.env.BIRGE_TEST_S3_ENDPOINT;
export async function testS3Store(prefix: string): Promise<FileStore> {
	return s3Store({
		bucket: process.env.BIRGE_TEST_S3_BUCKET ?? 'birge-test',
		endpoint: S3_ENDPOINT,
		region: 'us-east-1',
		accessKeyId: process.env.BIRGE_TEST_S3_ACCESS_KEY_ID ?? 'S3RVER',
		secretAccessKey: process.env.BIRGE_TEST_S3_SECRET_ACCESS_KEY ?? 'S3RVER',
		forcePathStyle: true,
		prefix
	});
}
