import { describe, expect, it } from 'vitest';
import { createKeyring } from '../../../core/crypto';
import { kaspiFeedUrl, newFeedToken, openCredentials, sealCredentials } from './credentials';
import { publicPhotoUrl } from './urls';
import { kaspiPriceListStream, kaspiPriceListText } from './format-kaspi';
import { loggablePath } from '../../../web/secret-paths.js';
import { goodCard } from './test-fixtures';

const keyring = createKeyring('a-test-secret-that-is-long-enough-1234567890');

describe('marketplace credentials', () => {
	it('are sealed through core crypto and open only for their marketplace and key', () => {
		const sealed = sealCredentials('ozon', { clientId: '4718001', apiKey: 'ozon-secret-key-0b7a' }, keyring);
		expect(sealed).not.toContain('ozon-secret-key');
		expect(sealed.startsWith('v1:')).toBe(true);
		expect(openCredentials('ozon', sealed, keyring)).toEqual({
			clientId: '4718001',
			apiKey: 'ozon-secret-key-0b7a'
		});
		expect(() => openCredentials('wildberries', sealed, keyring)).toThrow('another marketplace');
		expect(() =>
			openCredentials('ozon', sealed, createKeyring('another-secret-that-is-long-enough-0987654321'))
		).toThrow('cannot decrypt');
		expect(() =>
			sealCredentials('ozon', { clientId: 'abc', apiKey: 'ozon-secret-key-0b7a' }, keyring)
		).toThrow();
	});
});

describe('the Kaspi feed URL', () => {
	it('is secret, stable per token, and logged as its pattern only', () => {
		const token = newFeedToken();
		expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(newFeedToken()).not.toBe(token);
		const url = kaspiFeedUrl('https://birge.example/', token);
		expect(url).toBe(`https://birge.example/shops/feed/${token}/kaspi.xml`);
		expect(loggablePath(new URL(url).pathname)).toBe('/shops/feed/[token]');
	});

	it('streams the same bytes as the text', async () => {
		const settings = { company: 'Ak Kiyiz', merchantId: 'AK1', storeIds: ['PP1'] };
		const now = new Date('2026-12-01T00:00:00Z');
		const cards = Array.from({ length: 100 }, (_, i) => goodCard({ variants: [{ sku: `SKU${i}` }] }));
		const streamed = await new Response(kaspiPriceListStream(cards, settings, now)).text();
		expect(streamed).toBe(kaspiPriceListText(cards, settings, now));
		expect(streamed.match(/<offer /g)).toHaveLength(100);
	});
});

describe('photo URLs for the marketplaces', () => {
	it('are built from ORIGIN and refused when the marketplaces could not reach them', () => {
		expect(publicPhotoUrl('https://birge.example', '/files/ab12.jpg')).toBe(
			'https://birge.example/files/ab12.jpg'
		);
		expect(publicPhotoUrl('http://localhost:5173', '/files/ab12.jpg')).toBeNull();
		expect(publicPhotoUrl('http://127.0.0.1:3000', '/files/ab12.jpg')).toBeNull();
		expect(publicPhotoUrl('http://192.168.1.5', '/files/ab12.jpg')).toBeNull();
		expect(publicPhotoUrl('https://birge.example', 'javascript:alert(1)')).toBeNull();
	});
});
