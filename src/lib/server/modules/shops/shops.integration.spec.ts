import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import {
	AppError,
	JobRunner,
	auditTrail,
	computeIndicators,
	type I18nText,
	type ServiceContext
} from '#lib/server/core';
import { rowsOf } from '#lib/server/db';
import { authUser, organization } from '#lib/server/db/schema';
import { shops, shopsModule, TRANSITIONS } from './index';
import { photoAvifSeed, recordAvif } from './photos';

let db: TestDb;
const NOW = new Date('2026-11-22T09:00:00Z');

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	for (const id of ['u-aida', 'u-bermet', 'u-cholpon', 'u-staff'])
		await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale: 'ky' });
});
afterAll(async () => db?.close());

const aida = (now = NOW) => db.ctx({ actor: actor('u-aida'), now, locale: 'ky' });
const bermet = () => db.ctx({ actor: actor('u-bermet'), now: NOW });
const cholpon = () => db.ctx({ actor: actor('u-cholpon'), now: NOW });
const staff = () =>
	db.ctx({
		actor: actor('u-staff', [{ role: 'coalition_coordinator', country: 'KG', organizationId: null }]),
		now: NOW
	});
const buyer = (clientKey = 'buyer-1', locale: 'ky' | 'ru' | 'en' = 'ky') =>
	db.ctx({ now: NOW, clientKey, locale });

async function code(p: Promise<unknown>): Promise<string> {
	const e = await p.catch((x) => x);
	expect(e).toBeInstanceOf(AppError);
	return (e as AppError).code;
}

/** EXIF tag 0x8825 points at the GPS directory (either byte order). */
const hasGpsPointer = (exif: Buffer | undefined) =>
	!!exif && (exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25])));

async function gpsPhoto(): Promise<Uint8Array> {
	const data = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#b5651d' } })
		.jpeg({ quality: 85 })
		.withExif({
			IFD0: { Make: 'TestCam', Model: 'Her phone' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '42/1 10/1 0/1',
				GPSLongitudeRef: 'E',
				GPSLongitude: '77/1 40/1 0/1'
			}
		})
		.toBuffer();
	expect(hasGpsPointer((await sharp(data).metadata()).exif)).toBe(true);
	return new Uint8Array(data);
}

const shopInput = (slug: string, extra: Record<string, unknown> = {}) => ({
	slug,
	name: { ky: 'Барскоон кийизи', ru: 'Барскоонский войлок' },
	story: { ky: 'Ысык-Көлдүн жээгиндеги айылда кийиз басам.' },
	country: 'KG',
	region: 'KG-Y',
	crafts: { ky: 'кийиз', ru: 'войлок' },
	delivery: ['pickup', 'post'],
	languages: ['ky', 'ru'],
	...extra
});
const productInput = (slug: string, extra: Record<string, unknown> = {}) => ({
	slug,
	title: { ky: 'Кийиз тапочкалар', ru: 'Войлочные тапочки' },
	description: { ky: 'Жылуу кийиз тапочкалар, кой жүнүнөн.' },
	category: 'felt',
	materials: { ky: 'кой жүнү' },
	itemSize: { lengthCm: '26.5', widthCm: 10, heightCm: 8 },
	packageSize: { lengthCm: 30, widthCm: 15, heightCm: 10 },
	weightG: 400,
	priceMinor: 150000,
	availability: 'made_to_order',
	leadTimeDays: 7,
	variants: [
		{ size: '38', sku: 'SLP-38', barcode: '4006381333931' },
		{ size: '39', sku: 'SLP-39' }
	],
	...extra
});

describe('a maker’s shop', () => {
	it('is created with her as owner and only she edits it', async () => {
		await shops.createShop(aida(), shopInput('barskoon-felt'));
		await shops.createShop(bermet(), shopInput('bermet-knits', { name: { ru: 'Вязание Бермет' } }));
		expect((await shops.myShops(aida())).map((s) => s.slug)).toEqual(['barskoon-felt']);
		expect(await code(shops.updateShop(bermet(), 'barskoon-felt', shopInput('barskoon-felt')))).toBe(
			'NOT_FOUND'
		);
		expect(await code(shops.createProduct(bermet(), 'barskoon-felt', productInput('x-1')))).toBe('NOT_FOUND');
		expect(await code(shops.createProduct(db.ctx(), 'barskoon-felt', productInput('x-1')))).toBe(
			'UNAUTHENTICATED'
		);
		expect(await code(shops.createShop(bermet(), shopInput('barskoon-felt')))).toBe('CONFLICT');
	});

	it('checks the place against the SOATE reference', async () => {
		const e = await shops.createShop(aida(), shopInput('wrong-place', { region: 'KZ-10' })).catch((x) => x);
		expect(e.fields.region.key).toBe('shops_error_place');
		const f = await shops
			.createShop(aida(), shopInput('wrong-village', { district: 'NOPE-1' }))
			.catch((x) => x);
		expect(f.fields.district.key).toBe('shops_error_place');
	});

	it('adds a co-owner who may edit, but not manage owners', async () => {
		await shops.addCoOwner(aida(), 'barskoon-felt', 'u-cholpon@example.org');
		await shops.updateShop(
			cholpon(),
			'barskoon-felt',
			shopInput('barskoon-felt', { telegram: '@barskoon_felt' })
		);
		expect(await code(shops.addCoOwner(cholpon(), 'barskoon-felt', 'u-bermet@example.org'))).toBe(
			'FORBIDDEN'
		);
		expect(await code(shops.removeOwner(aida(), 'barskoon-felt', 'u-aida'))).toBe('CONFLICT');
		expect((await shops.getShop(db.ctx(), 'barskoon-felt')).telegram).toBe('barskoon_felt');
	});

	it('may be run by an organization she is a member of, and by no other', async () => {
		await db.handle.db.insert(organization).values({
			id: 'org-knit',
			slug: 'bishkek-knitters',
			kind: 'business_association',
			name: { ky: 'Бишкек токуучулары', ru: 'Бишкекские вязальщицы' },
			country: 'KG'
		});
		const member = db.ctx({
			actor: actor(
				'u-bermet',
				[],
				[
					{
						organizationId: 'org-knit',
						organizationKind: 'business_association',
						country: 'KG',
						role: 'member'
					}
				]
			),
			now: NOW,
			locale: 'ky'
		});
		expect(await shops.organizationChoices(member)).toEqual([
			{ id: 'org-knit', name: 'Бишкек токуучулары', demo: false }
		]);
		expect(await shops.organizationChoices(aida())).toEqual([]);
		const e = await shops
			.createShop(aida(), shopInput('knit-aida', { organizationId: 'org-knit' }))
			.catch((x) => x);
		expect((e as AppError).code).toBe('INVALID');
		expect((e as AppError).fields?.organizationId).toBeDefined();
		await shops.createShop(member, shopInput('knit-network', { organizationId: 'org-knit' }));
		expect((await shops.getShop(buyer(), 'knit-network')).organization).toBe('Бишкек токуучулары');
		expect((await shops.shopForEdit(member, 'knit-network')).organizations.map((o) => o.id)).toEqual([
			'org-knit'
		]);
		expect((await shops.getShop(buyer(), 'barskoon-felt')).organization).toBeNull();
	});
});

describe('a product', () => {
	it('gets a message per bad field in her language and nothing is stored', async () => {
		const e = await shops
			.createProduct(
				aida(),
				'barskoon-felt',
				productInput('bad', { priceMinor: -1, variants: [{ sku: 'A', barcode: '4006381333932' }] })
			)
			.catch((x) => x);
		expect(e.code).toBe('INVALID');
		expect(e.fields.priceMinor.key).toBe('shops_error_price');
		expect(e.fields['variants.0.barcode'].key).toBe('shops_error_ean13');
		expect((await shops.shopProducts(aida(), 'barskoon-felt')).length).toBe(0);
	});

	it('is created as a draft, with variants, and cannot be published without a photo', async () => {
		await shops.createProduct(aida(), 'barskoon-felt', productInput('felt-slippers'));
		const p = await shops.productForEdit(aida(), 'barskoon-felt', 'felt-slippers');
		expect(p.product.status).toBe('draft');
		expect(p.product.itemSize).toEqual({ lengthCm: 26.5, widthCm: 10, heightCm: 8 });
		expect(p.variants.map((v) => v.sku)).toEqual(['SLP-38', 'SLP-39']);
		expect(await code(shops.getProduct(db.ctx(), 'barskoon-felt', 'felt-slippers'))).toBe('NOT_FOUND');
		expect(await code(shops.setProductStatus(aida(), 'barskoon-felt', 'felt-slippers', 'published'))).toBe(
			'INVALID'
		);
		// Another product of the shop cannot reuse an article.
		const e = await shops.createProduct(aida(), 'barskoon-felt', productInput('felt-boots')).catch((x) => x);
		expect(e.fields['variants.0.sku'].key).toBe('shops_error_sku_taken');
	});

	it('keeps no EXIF or GPS in its photo, and gets a 1200×630 preview', async () => {
		await shops.addPhoto(aida(), 'barskoon-felt', 'felt-slippers', {
			bytes: await gpsPhoto(),
			alt: { ky: 'Кийиз тапочкалар' }
		});
		const edit = await shops.productForEdit(aida(), 'barskoon-felt', 'felt-slippers');
		const master = (await shops.productForExport(aida(), 'barskoon-felt', 'felt-slippers')).photos[0];
		const bytes = await db.platform.files.read(master.fileId);
		const meta = await sharp(Buffer.from(bytes!)).metadata();
		expect(meta.exif).toBeUndefined();
		expect(hasGpsPointer(meta.exif)).toBe(false);
		expect([meta.width, meta.height]).toEqual([1600, 1200]);
		expect(edit.photos[0].webp).toMatch(/\/files\/[0-9a-f]{64}\.webp 320w/);
		const page = await shops.getProduct(aida(), 'barskoon-felt', 'felt-slippers');
		expect(page.ogImage).toMatch(/^\/files\/[0-9a-f]{64}\.jpg$/);
		const og = await db.platform.files.read(
			(await shops.productForEdit(aida(), 'barskoon-felt', 'felt-slippers')).ogFileId!
		);
		expect(await sharp(Buffer.from(og!)).metadata()).toMatchObject({
			width: 1200,
			height: 630,
			format: 'jpeg'
		});
	});

	it('offers AVIF copies once its job has made them; photos from before the job are queued once', async () => {
		const photos = () => shops.productForEdit(aida(), 'barskoon-felt', 'felt-slippers').then((e) => e.photos);
		expect((await photos())[0].avif).toBe('');
		const queued = rowsOf<{ name: string }>(
			await db.handle.db.execute(sql`select name from core_job where key = ${(await photos())[0].id}`)
		).map((r) => r.name);
		// The module's own job, not core's: core's would make the copies but leave the snapshot as it was.
		expect(queued).toEqual(['shops.photo-avif']);
		const job = shopsModule.jobs!.find((j) => j.name === 'shops.photo-avif')!;
		const runner = new JobRunner(() => db.ctx(), [job]);
		await runner.tick();
		const after = (await photos())[0];
		expect(after.avif).toMatch(/^\/files\/[0-9a-f]{64}\.avif 320w, .+ 640w, .+ 960w, .+ 1280w, .+ 1600w$/);
		expect(after.webp).toMatch(/1600w$/);
		// Run again (at least once): nothing new is made, nothing breaks.
		await recordAvif(db.ctx(), after.id);
		expect((await photos())[0].avif).toBe(after.avif);
		// A photo removed before its job's turn is simply done.
		expect(await recordAvif(db.ctx(), 'no-such-photo')).toBe(0);
		// A photo uploaded before this job existed: its snapshot has no AVIF and no job waits for it.
		await db.handle.db.execute(sql`update shops_photo set image = jsonb_set(image, '{variants}',
			(select coalesce(jsonb_agg(v), '[]') from jsonb_array_elements(image->'variants') v where v->>'format' <> 'avif'))
			where id = ${after.id}`);
		await db.handle.db.execute(sql`delete from core_job where key = ${after.id}`);
		expect((await photos())[0].avif).toBe('');
		await photoAvifSeed.run(db.ctx());
		await photoAvifSeed.run(db.ctx());
		const waiting = rowsOf<{ n: number }>(
			await db.handle.db.execute(
				sql`select count(*)::int as n from core_job where name = 'shops.photo-avif' and key = ${after.id} and state = 'queued'`
			)
		);
		expect(Number(waiting[0].n)).toBe(1);
		await runner.tick();
		expect((await photos())[0].avif).toBe(after.avif);
	});

	it('refuses a file that is not an image', async () => {
		const e = await shops
			.addPhoto(aida(), 'barskoon-felt', 'felt-slippers', { bytes: new TextEncoder().encode('<svg></svg>') })
			.catch((x) => x);
		expect(e.fields.file.key).toBe('error_image_type');
	});

	it('is found once published, in Kyrgyz, through a misspelled word and without its marks', async () => {
		await shops.setProductStatus(aida(), 'barskoon-felt', 'felt-slippers', 'published');
		const find = async (q: string, extra = {}) =>
			(await shops.findProducts(buyer(), { q, ...extra })).items.map((i) => i.slug);
		expect(await find('тапочкалар')).toContain('felt-slippers');
		expect(await find('тапочкалр')).toContain('felt-slippers');
		expect(await find('кийиз')).toContain('felt-slippers');
		expect(await find('киийз')).toContain('felt-slippers');
		expect(await find('тапочкалар', { category: 'toys' })).toEqual([]);
		expect(await find('', { country: 'KG', priceMin: 1000, priceMax: 2000 })).toContain('felt-slippers');
		expect(await find('', { country: 'KG', priceMax: 1000 })).not.toContain('felt-slippers');
		const page = await shops.getProduct(buyer(), 'barskoon-felt', 'felt-slippers');
		expect(page.price.text).toMatch(/1\s?500/);
		expect(page.translations.find((t) => t.locale === 'ru')).toEqual({
			locale: 'ru',
			title: true,
			description: false,
			titleState: expect.stringMatching(/^(source|reviewed)$/),
			descriptionState: 'missing'
		});
	});

	it('shows UZS prices without decimals', async () => {
		await shops.createShop(bermet(), shopInput('tashkent-silk', { country: 'UZ', region: null }));
		await shops.createProduct(
			bermet(),
			'tashkent-silk',
			productInput('scarf', { priceMinor: 250000, variants: [] })
		);
		const p = await shops.productForEdit(bermet(), 'tashkent-silk', 'scarf');
		expect(p.product.currency).toBe('UZS');
		const card = (await shops.shopProducts(bermet(), 'tashkent-silk'))[0];
		expect(card.price.text).not.toMatch(/[.,]\d{2}$/);
		expect(card.price.text).toMatch(/250/);
	});
});

describe('her own texts', () => {
	it('carry provenance: her language is the source, what she writes or changes is reviewed by her', async () => {
		const at = (now: Date) => db.ctx({ actor: actor('u-cholpon'), now, locale: 'ky' });
		await shops.createShop(at(NOW), shopInput('cholpon-texts'));
		await shops.createProduct(at(NOW), 'cholpon-texts', productInput('felt-cup'));
		const row = async () =>
			rowsOf<{ name: I18nText; title: I18nText }>(
				await db.handle.db.execute(
					sql`select s.name, p.title from shops_shop s join shops_product p on p.shop_id = s.id where s.slug = 'cholpon-texts'`
				)
			)[0];
		let r = await row();
		expect(r.name.$src).toBe('ky');
		expect(r.name.$p?.ky).toBeUndefined();
		expect(r.name.$p?.ru).toMatchObject({ status: 'reviewed', by: 'u-cholpon', at: NOW.toISOString() });
		expect(r.title.$src).toBe('ky');
		expect(r.title.$p?.ru?.status).toBe('reviewed');
		// A machine draft she leaves untouched stays a draft; the one she corrects becomes hers.
		const drafted: I18nText = {
			...r.title,
			en: 'Felt cup',
			kk: 'Киіз кесе',
			$p: { ...r.title.$p, en: { status: 'machine-draft' }, kk: { status: 'machine-draft' } }
		};
		await db.handle.db.execute(
			sql`update shops_product set title = ${JSON.stringify(drafted)}::jsonb where slug = 'felt-cup'`
		);
		const later = new Date(NOW.getTime() + 3600_000);
		await shops.updateProduct(
			at(later),
			'cholpon-texts',
			'felt-cup',
			productInput('felt-cup', {
				title: { ky: 'Кийиз тапочкалар', ru: 'Войлочные тапочки', en: 'Felt slippers', kk: 'Киіз кесе' }
			})
		);
		r = await row();
		expect(r.title.$p?.kk?.status).toBe('machine-draft');
		expect(r.title.$p?.en).toMatchObject({ status: 'reviewed', by: 'u-cholpon', at: later.toISOString() });
		expect(r.title.$p?.ru?.at).toBe(NOW.toISOString());
		expect(r.title.$src).toBe('ky');
		// The workspace's table shows each language's state from these marks.
		const edit = await shops.productForEdit(at(later), 'cholpon-texts', 'felt-cup');
		const states = Object.fromEntries(edit.translations.map((t) => [t.locale, t.titleState]));
		expect(states).toEqual({
			ky: 'source',
			ru: 'reviewed',
			en: 'reviewed',
			kk: 'machine-draft',
			tg: 'missing',
			uz: 'missing'
		});
		// A reviewed translation checked against a source she has since changed says so.
		await shops.updateProduct(
			at(new Date(later.getTime() + 60_000)),
			'cholpon-texts',
			'felt-cup',
			productInput('felt-cup', {
				title: { ky: 'Кийиз кесе', ru: 'Войлочные тапочки', en: 'Felt slippers', kk: 'Киіз кесе' }
			})
		);
		const after = await shops.productForEdit(at(later), 'cholpon-texts', 'felt-cup');
		expect(after.translations.find((t) => t.locale === 'ru')?.titleState).toBe('stale');
		expect(after.translations.find((t) => t.locale === 'ky')?.titleState).toBe('source');
	});
});

describe('order requests', () => {
	const request = (extra: Record<string, unknown> = {}) => ({
		buyerName: 'Гүлнара',
		contactKind: 'phone',
		contact: '+996 555 000 111',
		city: 'Каракол',
		variantId: null as string | null,
		quantity: '2',
		message: 'Салам!',
		...extra
	});
	let variantId: string;
	let requestId: string;
	let path: string;

	beforeAll(async () => {
		variantId = (await shops.getProduct(buyer(), 'barskoon-felt', 'felt-slippers')).variants[0].id;
	});

	it('is sent once for a double submit, and notifies the owners by e-mail', async () => {
		const a = await shops.sendRequest(
			buyer(),
			'barskoon-felt',
			'felt-slippers',
			request({ variantId }),
			'key-1'
		);
		const b = await shops.sendRequest(
			buyer(),
			'barskoon-felt',
			'felt-slippers',
			request({ variantId }),
			'key-1'
		);
		expect(b).toEqual(a);
		requestId = a.id;
		path = a.path;
		expect(path).toMatch(/^\/ky\/shops\/requests\/[0-9a-f-]{36}\.[\w-]{32}$/);
		expect((await shops.listRequests(aida(), 'barskoon-felt')).total).toBe(1);
		await shops.deliverShopMessages(db.ctx({ now: NOW }));
		const mails = db.sent.mail.filter((m) => m.url?.includes(requestId));
		expect(mails.map((m) => m.to).sort()).toEqual(['u-aida@example.org', 'u-cholpon@example.org']);
		expect(mails[0].text).not.toContain('+996');
	});

	it('needs a variant when the product has several, and refuses a robot', async () => {
		const e = await shops
			.sendRequest(buyer('b2'), 'barskoon-felt', 'felt-slippers', request())
			.catch((x) => x);
		expect(e.fields.variantId.key).toBe('shops_error_variant');
		expect(
			await code(
				shops.sendRequest(
					buyer('b2'),
					'barskoon-felt',
					'felt-slippers',
					request({ variantId, website: 'http://spam' })
				)
			)
		).toBe('INVALID');
	});

	it('is rate-limited per client', async () => {
		for (let i = 0; i < 5; i++)
			await shops.sendRequest(
				buyer('flood'),
				'barskoon-felt',
				'felt-slippers',
				request({ variantId }),
				`flood-${i}`
			);
		expect(
			await code(
				shops.sendRequest(buyer('flood'), 'barskoon-felt', 'felt-slippers', request({ variantId }), 'flood-6')
			)
		).toBe('RATE_LIMITED');
		// Another client is not affected.
		await shops.sendRequest(
			buyer('calm'),
			'barskoon-felt',
			'felt-slippers',
			request({ variantId }),
			'calm-1'
		);
		expect((await shops.listRequests(aida(), 'barskoon-felt')).total).toBe(7);
	});

	it('shows contacts only to the shop’s owners, auditing every view', async () => {
		const r = await shops.getRequest(aida(), 'barskoon-felt', requestId);
		expect(r.buyer).toMatchObject({ name: 'Гүлнара', contact: '+996 555 000 111', city: 'Каракол' });
		expect(await code(shops.getRequest(bermet(), 'barskoon-felt', requestId))).toBe('NOT_FOUND');
		expect(await code(shops.listRequests(bermet(), 'barskoon-felt'))).toBe('NOT_FOUND');
		// Her own shop does not open another shop's request either.
		expect(await code(shops.getRequest(bermet(), 'bermet-knits', requestId))).toBe('NOT_FOUND');
		const trail = await auditTrail(db.ctx(), 'shops_request', requestId);
		expect(trail.filter((a) => a.action === 'shops.request.contacts_viewed').map((a) => a.actorId)).toEqual([
			'u-aida'
		]);
		// Stored encrypted.
		const [row] = rowsOf<{ contact: string }>(
			await db.handle.db.execute(sql`select contact from shops_request where id = ${requestId}`)
		);
		expect(row.contact).not.toContain('555');
	});

	it('moves only along the allowed transitions, each with time and note', async () => {
		expect(
			await code(shops.changeRequestStatus(aida(), 'barskoon-felt', requestId, { status: 'shipped' }))
		).toBe('CONFLICT');
		await shops.changeRequestStatus(aida(), 'barskoon-felt', requestId, {
			status: 'accepted',
			note: 'Готово через неделю'
		});
		await shops.changeRequestStatus(cholpon(), 'barskoon-felt', requestId, { status: 'in_production' });
		expect(await code(shops.changeRequestStatus(aida(), 'barskoon-felt', requestId, { status: 'new' }))).toBe(
			'CONFLICT'
		);
		await shops.changeRequestStatus(aida(), 'barskoon-felt', requestId, { status: 'shipped' });
		await shops.changeRequestStatus(aida(), 'barskoon-felt', requestId, { status: 'done' });
		expect(
			await code(shops.changeRequestStatus(aida(), 'barskoon-felt', requestId, { status: 'cancelled' }))
		).toBe('CONFLICT');
		expect(
			await code(shops.changeRequestStatus(bermet(), 'barskoon-felt', requestId, { status: 'cancelled' }))
		).toBe('NOT_FOUND');
		const seen = await shops.requestByToken(buyer(), path.split('/').pop()!);
		expect(seen.status).toBe('done');
		expect(seen.history.map((h) => h.to)).toEqual(['new', 'accepted', 'in_production', 'shipped', 'done']);
		expect(seen.history[1].note).toBe('Готово через неделю');
		expect(JSON.stringify(seen)).not.toContain('555');
	});

	it('re-sends the private link by SMS without the phone or the link ever resting in the outbox', async () => {
		const token = path.split('/').pop()!;
		await shops.resendLink(buyer('resender'), token);
		const rows = rowsOf<{ recipient: string; payload: unknown }>(
			await db.handle.db.execute(
				sql`select recipient, payload from core_notification_outbox where template = 'shops.sms.request_link'`
			)
		);
		expect(rows.length).toBe(1);
		const stored = JSON.stringify(rows);
		for (const secret of ['555', '000 111', '996555000111', token.split('.')[1]])
			expect(stored).not.toContain(secret);
		const before = db.sent.sms.length;
		await shops.deliverShopMessages(db.ctx({ now: NOW }));
		const sms = db.sent.sms.slice(before);
		expect(sms.map((m) => m.to)).toEqual(['+996 555 000 111']);
		expect(sms[0].text).toContain(`${path}`);
		// After sending, the row still holds neither.
		const after = JSON.stringify(
			rowsOf(
				await db.handle.db.execute(
					sql`select * from core_notification_outbox where template = 'shops.sms.request_link'`
				)
			)
		);
		expect(after).not.toContain('555');
		expect(after).toContain('"sent_at"');
	});

	it('covers every transition of the table and refuses every other', async () => {
		const all = Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[];
		// Walk each allowed edge from a fresh request brought to its start.
		const pathTo: Record<string, string[]> = {
			new: [],
			accepted: ['accepted'],
			in_production: ['accepted', 'in_production'],
			shipped: ['accepted', 'shipped'],
			declined: ['declined'],
			done: ['accepted', 'shipped', 'done'],
			cancelled: ['cancelled']
		};
		let n = 0;
		for (const from of all) {
			for (const to of all) {
				const { id } = await shops.sendRequest(
					buyer(`walk-${n++}`),
					'barskoon-felt',
					'felt-slippers',
					request({ variantId })
				);
				for (const s of pathTo[from])
					await shops.changeRequestStatus(aida(), 'barskoon-felt', id, { status: s });
				const go = shops.changeRequestStatus(aida(), 'barskoon-felt', id, { status: to });
				if (TRANSITIONS[from].includes(to)) await expect(go).resolves.toBeUndefined();
				else expect(await code(go)).toBe('CONFLICT');
			}
		}
	});

	it('keeps its history append-only in the database', async () => {
		const refusal = async (statement: Promise<unknown>) => {
			const messages: string[] = [];
			const error = await statement.then(
				() => null,
				(e: unknown) => e
			);
			for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
				messages.push(String(e.message));
			return messages.join(' | ');
		};
		expect(await refusal(db.handle.db.execute(sql`update shops_request_event set note = 'x'`))).toContain(
			'shops_request_event is append-only: UPDATE refused'
		);
		expect(await refusal(db.handle.db.execute(sql`delete from shops_request_event`))).toContain(
			'shops_request_event is append-only: DELETE refused'
		);
	});

	it('lists requests by status, newest first', async () => {
		const done = await shops.listRequests(aida(), 'barskoon-felt', { status: 'done' });
		expect(done.items.every((i) => i.status === 'done')).toBe(true);
		expect(done.items.map((i) => i.id)).toContain(requestId);
		expect(
			(await shops.listRequests(aida(), 'barskoon-felt', { status: 'new' })).items.every(
				(i) => i.status === 'new'
			)
		).toBe(true);
	});

	it('erases buyer contacts a year after the request closed, keeping the request', async () => {
		const later = new Date(NOW.getTime() + 364 * 86400_000);
		expect(await shops.eraseOldContacts(db.ctx({ now: later }))).toBe(0);
		const yearOn = new Date(NOW.getTime() + 366 * 86400_000);
		expect(await shops.eraseOldContacts(db.ctx({ now: yearOn }))).toBeGreaterThan(0);
		const r = await shops.getRequest(aida(yearOn), 'barskoon-felt', requestId);
		expect(r.buyer).toBeNull();
		expect(r.status).toBe('done');
		const [row] = rowsOf<{ n: number }>(
			await db.handle.db.execute(
				sql`select count(*)::int as n from shops_request where id = ${requestId} and contact is null and buyer_name is null and city is null and message is null`
			)
		);
		expect(row.n).toBe(1);
		// Open requests keep theirs.
		const open = (await shops.listRequests(aida(yearOn), 'barskoon-felt', { status: 'new' })).items[0];
		expect((await shops.getRequest(aida(yearOn), 'barskoon-felt', open.id)).buyer).not.toBeNull();
	});
});

describe('moderation', () => {
	it('anyone reports; staff take a product down with a reason the maker sees; all audited', async () => {
		await shops.reportProduct(buyer('reporter'), 'barskoon-felt', 'felt-slippers', {
			reason: 'misleading',
			message: 'фото чужое'
		});
		expect(await code(shops.listReports(aida()))).toBe('FORBIDDEN');
		// The staff menu links the moderation page for staff only.
		expect([shops.canModerateShops(aida()), shops.canModerateShops(staff())]).toEqual([false, true]);
		expect((await shops.listReports(staff())).map((r) => r.productSlug)).toEqual(['felt-slippers']);
		expect(
			await code(shops.takeDown(aida(), 'barskoon-felt', 'felt-slippers', { reason: 'I am not staff' }))
		).toBe('FORBIDDEN');
		await shops.takeDown(staff(), 'barskoon-felt', 'felt-slippers', { reason: 'Фото взято с чужого сайта' });
		expect((await shops.findProducts(buyer(), { q: 'тапочкалар' })).items).toEqual([]);
		expect(await code(shops.getProduct(buyer(), 'barskoon-felt', 'felt-slippers'))).toBe('NOT_FOUND');
		const mine = await shops.shopProducts(aida(), 'barskoon-felt');
		expect(mine[0].takedown?.reason).toBe('Фото взято с чужого сайта');
		expect((await shops.listReports(staff())).length).toBe(0);
		const closed = await shops.listReports(staff(), { status: 'closed' });
		expect(closed.map((r) => [r.productSlug, r.takenDown, r.takedownReason])).toEqual([
			['felt-slippers', true, 'Фото взято с чужого сайта']
		]);
		expect(closed[0].resolvedAt).toBe(NOW.toISOString());
		expect(await code(shops.listReports(aida(), { status: 'closed' }))).toBe('FORBIDDEN');
		await shops.restore(staff(), 'barskoon-felt', 'felt-slippers');
		expect((await shops.findProducts(buyer(), { q: 'тапочкалар' })).items.length).toBe(1);
		const trail = await auditTrail(
			db.ctx(),
			'shops_product',
			mine[0].slug ? (await shops.productForEdit(aida(), 'barskoon-felt', 'felt-slippers')).product.id : ''
		);
		expect(trail.map((a) => a.action)).toEqual(
			expect.arrayContaining(['shops.report.create', 'shops.product.takedown', 'shops.product.restore'])
		);
	});

	it('staff take a whole shop down; its owners still see it with the reason', async () => {
		await shops.takeDown(staff(), 'barskoon-felt', null, { reason: 'Проверка документов' });
		expect(await code(shops.getShop(buyer(), 'barskoon-felt'))).toBe('NOT_FOUND');
		expect((await shops.getShop(aida(), 'barskoon-felt')).takedown?.reason).toBe('Проверка документов');
		expect((await shops.findProducts(buyer(), { q: 'кийиз' })).items).toEqual([]);
		await shops.restore(staff(), 'barskoon-felt', null);
		expect((await shops.findProducts(buyer(), { q: 'кийиз' })).items.length).toBe(1);
	});
});

describe('indicators and the export read', () => {
	it('counts active shops, listed products and requests by status, without demo data', async () => {
		const ctx: ServiceContext = db.ctx({ now: NOW });
		const rows = await computeIndicators(ctx, [shopsModule], {
			periods: ['2026-11'],
			countries: ['KG'],
			dimensions: ['region', 'status']
		});
		const value = (name: string, dim: string | null = null, v: string | null = null) =>
			rows.find((r) => r.indicator === name && r.dimension === dim && r.dimensionValue === v)?.value;
		expect(value('shops.active_shops')).toBe(1);
		expect(value('shops.active_shops', 'region', 'KG-Y')).toBe(1);
		expect(value('shops.published_products')).toBe(1);
		expect(value('shops.order_requests', 'status', 'done')).toBeGreaterThan(0);
	});

	it('gives the marketplace export the whole card, for the owners only', async () => {
		const x = await shops.productForExport(aida(), 'barskoon-felt', 'felt-slippers');
		expect(x.product).toMatchObject({ priceMinor: 150000, currency: 'KGS', weightG: 400, category: 'felt' });
		expect(x.variants[0]).toMatchObject({ sku: 'SLP-38', barcode: '4006381333931', priceMinor: 150000 });
		expect(x.photos[0]).toMatchObject({ width: 1600, height: 1200 });
		expect(x.product.title.ky).toBe('Кийиз тапочкалар');
		expect(await code(shops.productForExport(bermet(), 'barskoon-felt', 'felt-slippers'))).toBe('NOT_FOUND');
	});
});
