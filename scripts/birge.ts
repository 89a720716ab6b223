/**
 * Birge's command line: `npm run birge -- <command> [options]`.
 *
 *   migrate                     apply the committed migrations
 *   seed [--no-demo]            apply reference data (and demo data unless --no-demo)
 *   admin:create --email E --password P [--name N]
 *                               create a platform administrator (or promote an existing account)
 *   role:grant --email E --role R [--country KG] [--locale ky]  (translator: per locale)
 *                               grant a role (org_staff, coalition_coordinator, care_editor, platform_admin)
 *   rotate-secret               re-encrypt every encrypted field under BIRGE_SECRET (see the README)
 *   backup <dir>                every table, every stored file and a manifest of counts and checksums
 *   restore <dir>               into a new, empty database (checks the manifest first; see the README)
 *
 * With the embedded database, stop the server first: one process at a time may open it.
 */
import { parseArgs } from 'node:util';
import { startApp } from '../src/lib/server/app';
import { loadConfig } from '../src/lib/server/config';
import { migrate } from '../src/lib/server/db';
import { runSeeds, isAppError, logSender, ROLES } from '../src/lib/server/core';
import { MODULES } from '../src/lib/server/modules';
import { accounts } from '../src/lib/server/modules/accounts';
import { t } from '../src/lib/i18n/messages';
import { encryptedFieldsOf, rotateEncryptedFields } from '../src/lib/server/core';
import { BackupError } from '../src/lib/server/core/backup';
import { backupApp, describeManifest, restoreApp } from '../src/lib/server/operations';

const USAGE = `Usage: npm run birge -- <migrate | seed [--no-demo] | admin:create --email E --password P [--name N] | role:grant --email E --role R [--country CC] [--locale LL] | rotate-secret | backup <dir> | restore <dir>>`;

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (!command || command === 'help' || command === '--help') {
		console.log(USAGE);
		return command ? 0 : 1;
	}
	const { values, positionals } = parseArgs({
		args: rest,
		allowPositionals: true,
		options: {
			email: { type: 'string' },
			password: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string' },
			country: { type: 'string' },
			locale: { type: 'string' },
			'no-demo': { type: 'boolean' }
		},
		strict: true
	});
	const config = loadConfig();
	const app = await startApp({ config, prepare: false, sender: logSender() });
	try {
		const ctx = app.context({ locale: 'en' });
		switch (command) {
			case 'migrate':
				await migrate(app.database);
				console.log('Migrations applied.');
				return 0;
			case 'seed': {
				await migrate(app.database);
				const ran = await runSeeds(ctx, MODULES, { demo: !values['no-demo'] && config.BIRGE_DEMO });
				console.log(ran.length ? `Seeds applied: ${ran.join(', ')}` : 'Seeds already applied.');
				return 0;
			}
			case 'admin:create': {
				if (!values.email || !values.password) {
					console.error('admin:create needs --email and --password');
					return 2;
				}
				await migrate(app.database);
				const { userId } = await accounts.createAdmin(ctx, {
					email: values.email,
					password: values.password,
					name: values.name
				});
				console.log(`Platform administrator ready (user ${userId}).`);
				return 0;
			}
			case 'role:grant': {
				const role = values.role as (typeof ROLES)[number] | undefined;
				if (!values.email || !role || !ROLES.includes(role) || role === 'entrepreneur') {
					console.error(
						`role:grant needs --email and --role (one of ${ROLES.filter((r) => r !== 'entrepreneur').join(', ')})`
					);
					return 2;
				}
				const user = await accounts.findUserByEmail(ctx, values.email);
				if (!user) {
					console.error('No account with that e-mail.');
					return 2;
				}
				const cli = {
					...ctx,
					actor: {
						userId: 'cli',
						grants: [{ role: 'platform_admin' as const, country: null, organizationId: null }],
						memberships: []
					}
				};
				await accounts.grantRole(cli, {
					userId: user.id,
					role,
					country: (values.country?.toUpperCase() as 'KG') ?? null,
					locale: (values.locale as 'ky' | undefined) ?? null
				});
				console.log(`Granted ${role}${values.country ? ` in ${values.country.toUpperCase()}` : ''}.`);
				return 0;
			}
			case 'rotate-secret': {
				// rotate-secret: with BIRGE_SECRET set to the new secret and BIRGE_SECRET_PREVIOUS to the old
				// one(s), re-encrypts every registered encrypted field under the new one (see README).
				const ring = app.platform.keyring;
				if (ring.all.length < 2)
					console.warn('BIRGE_SECRET_PREVIOUS is not set: only values already readable are re-encrypted.');
				let failed = 0;
				for (const r of await rotateEncryptedFields(ctx, encryptedFieldsOf(MODULES), ring)) {
					failed += r.failed.length;
					console.log(
						`${r.field}: ${r.reencrypted} re-encrypted` +
							(r.failed.length
								? `, ${r.failed.length} not decryptable with any known secret (ids ${r.failed.slice(0, 20).join(', ')})`
								: '')
					);
				}
				console.log(
					failed
						? 'Some values could not be re-encrypted.'
						: `Every encrypted field is under key ${ring.current.kid}.`
				);
				return failed ? 1 : 0;
			}
			case 'backup':
			case 'restore': {
				const dir = positionals[0];
				if (!dir) {
					console.error(`${command} needs a folder: npm run birge -- ${command} <dir>`);
					return 2;
				}
				try {
					const manifest = command === 'backup' ? await backupApp(app, dir) : await restoreApp(app, dir);
					console.log(`${command === 'backup' ? 'Backed up' : 'Restored'}: ${describeManifest(manifest)}`);
					return 0;
				} catch (error) {
					if (error instanceof BackupError) {
						console.error(error.message);
						return 1;
					}
					throw error;
				}
			}
			default:
				console.error(`Unknown command: ${command}\n${USAGE}`);
				return 2;
		}
	} catch (error) {
		if (isAppError(error)) {
			const fields = Object.entries(error.fields).map(([f, e]) => `  ${f}: ${t('en', e.key, e.params)}`);
			console.error([t('en', error.messageKey, error.params), ...fields].join('\n'));
			return 1;
		}
		throw error;
	} finally {
		await app.close();
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
);
