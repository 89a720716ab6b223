import { organization } from './schema';
import type { Seed } from '../../core/registry';

/**
 * Demo organizations, to show the workflow on a fresh install. They are not real: `demo` is true
 * and every page that shows them labels them demo. Real member organizations are added by admins.
 */
const DEMO_ORGANIZATIONS = [
	{
		id: 'demo-org-kg-artisans',
		slug: 'demo-kg-artisans',
		kind: 'business_association' as const,
		country: 'KG',
		region: 'KG-Y',
		name: {
			en: 'Demo: Issyk-Kul Women Artisans Association',
			ru: 'Демо: Ассоциация женщин-ремесленниц Иссык-Куля',
			ky: 'Демо: Ысык-Көл аял усталарынын ассоциациясы'
		}
	},
	{
		id: 'demo-org-kz-support',
		slug: 'demo-kz-support',
		kind: 'civil_society' as const,
		country: 'KZ',
		region: null,
		name: {
			en: 'Demo: Women Entrepreneurs Support Centre',
			ru: 'Демо: Центр поддержки женщин-предпринимателей',
			kk: 'Демо: Кәсіпкер әйелдерді қолдау орталығы'
		}
	}
];

export const demoSeed: Seed = {
	name: 'accounts.demo',
	version: '1',
	kind: 'demo',
	async run(ctx) {
		for (const org of DEMO_ORGANIZATIONS) {
			await ctx.db
				.insert(organization)
				.values({ ...org, demo: true, createdAt: ctx.clock(), updatedAt: ctx.clock() })
				.onConflictDoNothing();
		}
	}
};
