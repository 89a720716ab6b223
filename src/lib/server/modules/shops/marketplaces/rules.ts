/**
 * The marketplaces' limits as data. Every number has a source in docs/marketplaces.md (official spec,
 * or third-party code where marked unverified) with the date it was checked. Change them here only.
 */
export const WILDBERRIES = {
	vendorCodeMax: 72,
	titleMax: 60,
	/** Per category between 1,000 and 5,000; 2,000 unless the subject says otherwise. */
	descriptionDefaultMax: 2000,
	descriptionMinOfMax: 1000,
	descriptionMaxOfMax: 5000,
	cardsPerRequest: 100,
	variantsPerCard: 30,
	requestBytesMax: 10 * 1024 * 1024,
	photosMax: 30,
	photoMinWidth: 700,
	photoMinHeight: 900,
	photoBytesMax: 32 * 1024 * 1024,
	photoFormats: ['jpeg', 'png', 'webp', 'bmp', 'gif'] as const,
	/** A new price at a third or less of the old one is held back (quarantine). */
	quarantineRatio: 3,
	/** Card create/update: 10 a minute, 6 s apart, a burst of 5. */
	cardWriteIntervalMs: 6000,
	pricesPerRequest: 1000,
	barcodesPerRequest: 5000
} as const;

export const OZON = {
	offerIdMax: 50,
	nameMax: 500,
	itemsPerRequest: 100,
	/** The schema page says 15 (14 + primary), the method page 30: validate to 15 until confirmed. */
	imagesMax: 15,
	imageFormats: ['jpeg', 'png'] as const,
	currencies: ['RUB', 'BYN', 'KZT', 'EUR', 'USD', 'CNY'] as const,
	vat: ['0', '0.05', '0.07', '0.1', '0.2'] as const,
	weightMaxG: 1_000_000,
	/** Description attribute id (unverified: "commonly 4191"). */
	descriptionAttributeId: 4191
} as const;

export const KASPI = {
	currency: 'KZT',
	skuMax: 20,
	skuPattern: /^[A-Za-z0-9]+$/,
	preOrderMaxDays: 30
} as const;

export const UZUM = {
	currency: 'UZS',
	locales: ['uz', 'ru'] as const,
	nameMinWords: 3,
	propertiesMin: 3,
	ikpuLength: 17
} as const;
