import { indicator, reach, result } from './schema';
import type { Seed } from '../../core/registry';
import type { I18nText } from '../../core/text';
import data from '../../../../../seed/impact/reported.json';

/**
 * Reference seeds: the campaign reach the initiative reported (seed/impact/reported.json, copied from
 * seed/coalitions.json), region-wide and "as reported" with its source; and a starting results
 * framework whose indicators are read from the coalitions module's registered indicators (no targets:
 * a coalition sets its own). Titles are machine-quality drafts in six languages.
 */

export const REPORTED = data;

const sourceTitle = (key: string) => data.sources[key as keyof typeof data.sources]?.title ?? key;

export const FRAMEWORK: {
	id: string;
	title: I18nText;
	indicators: { id: string; module: string; unit: string; title: I18nText; definition: I18nText }[];
}[] = [
	{
		id: 'result-advocacy',
		title: {
			en: 'Coalitions represent women entrepreneurs and get their recommendations adopted',
			ru: 'Коалиции представляют женщин-предпринимателей и добиваются принятия своих рекомендаций',
			ky: 'Коалициялар ишкер аялдардын атынан чыгып, сунуштарын кабыл алдырат',
			kk: 'Коалициялар кәсіпкер әйелдердің атынан сөйлеп, ұсыныстарын қабылдатады',
			tg: 'Эътилофҳо занони соҳибкорро намояндагӣ мекунанд ва қабули тавсияҳояшонро ба даст меоранд',
			uz: 'Koalitsiyalar tadbirkor ayollar nomidan chiqadi va tavsiyalarini qabul qildiradi'
		},
		indicators: [
			{
				id: 'indicator-recommendations-adopted',
				module: 'coalitions.recommendations_adopted',
				unit: 'items',
				title: {
					en: 'Recommendations adopted or implemented',
					ru: 'Рекомендации, принятые или выполненные',
					ky: 'Кабыл алынган же аткарылган сунуштар',
					kk: 'Қабылданған немесе орындалған ұсыныстар',
					tg: 'Тавсияҳои қабулшуда ё иҷрошуда',
					uz: 'Qabul qilingan yoki bajarilgan tavsiyalar'
				},
				definition: {
					en: 'Recommendations of the national agendas adopted or implemented by government, as the accountability timeline records them.',
					ru: 'Рекомендации национальных повесток, принятые или выполненные государством, по хронике подотчётности.',
					ky: 'Улуттук күн тартибиндеги мамлекет кабыл алган же аткарган сунуштар, отчеттуулук хроникасы боюнча.',
					kk: 'Ұлттық күн тәртібіндегі мемлекет қабылдаған немесе орындаған ұсыныстар, есептілік хроникасы бойынша.',
					tg: 'Тавсияҳои рӯзномаҳои миллӣ, ки давлат қабул ё иҷро кардааст, мувофиқи солномаи ҳисобдеҳӣ.',
					uz: 'Milliy kun tartibidagi davlat qabul qilgan yoki bajargan tavsiyalar, hisobdorlik xronikasi boʻyicha.'
				}
			},
			{
				id: 'indicator-women-represented',
				module: 'coalitions.women_represented_reported',
				unit: 'people',
				title: {
					en: 'Women represented by the coalitions (as reported)',
					ru: 'Женщины, которых представляют коалиции (по данным источников)',
					ky: 'Коалициялар атынан чыккан аялдар (булактар боюнча)',
					kk: 'Коалициялар өкілдік ететін әйелдер (дереккөздер бойынша)',
					tg: 'Занони намояндагикардаи эътилофҳо (мувофиқи манбаъҳо)',
					uz: 'Koalitsiyalar vakillik qiladigan ayollar (manbalar boʻyicha)'
				},
				definition: {
					en: "Each coalition's latest figure of women represented, as a source reported it.",
					ru: 'Последняя опубликованная источником цифра по каждой коалиции.',
					ky: 'Ар бир коалициянын булак жарыялаган акыркы көрсөткүчү.',
					kk: 'Әр коалицияның дереккөз жариялаған соңғы көрсеткіші.',
					tg: 'Охирин рақами ҳар эътилоф, ки манбаъ нашр кардааст.',
					uz: 'Har bir koalitsiyaning manba eʼlon qilgan soʻnggi koʻrsatkichi.'
				}
			}
		]
	}
];

export const impactSeed: Seed = {
	name: 'impact.reported',
	version: '1',
	kind: 'reference',
	async run(ctx) {
		for (const r of data.reach)
			await ctx.db
				.insert(reach)
				.values({
					id: r.id,
					campaign: 'WAGE Central Asia',
					channel: r.channel as 'social_media' | 'radio_tv',
					country: 'RG',
					period: null,
					reach: r.reach,
					estimate: r.estimate,
					asReported: true,
					source: sourceTitle(r.source),
					createdBy: null,
					createdAt: ctx.clock()
				})
				.onConflictDoNothing();
		for (const [i, res] of FRAMEWORK.entries()) {
			await ctx.db
				.insert(result)
				.values({ id: res.id, title: res.title, position: i, createdAt: ctx.clock() })
				.onConflictDoNothing();
			for (const [j, ind] of res.indicators.entries())
				await ctx.db
					.insert(indicator)
					.values({
						id: ind.id,
						resultId: res.id,
						title: ind.title,
						definition: ind.definition,
						unit: ind.unit,
						numericType: 'integer',
						direction: 'increase',
						moduleIndicator: ind.module,
						dimensions: ind.module === 'coalitions.recommendations_adopted' ? ['barrier'] : [],
						position: j,
						createdAt: ctx.clock()
					})
					.onConflictDoNothing();
		}
	}
};
