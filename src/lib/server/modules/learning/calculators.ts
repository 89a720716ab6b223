import { AppError, parseInput, type ServiceContext } from '../../core';
import { t } from '#lib/i18n/messages';
import { computeLoan } from './loan';
import { computePrice } from './price';
import { computeBreakEven } from './break-even';
import { rateRuleFor } from './rules';
import {
	breakEvenInput,
	currencyDigits,
	loanInput,
	priceInput,
	type BreakEvenInput,
	type BreakEvenView,
	type LoanInput,
	type LoanView,
	type PriceInput,
	type PriceView
} from './inputs';

/**
 * The calculators as use cases: anyone may use them (no account, nothing stored), so there is no access
 * rule to check. Each parses its raw input (form fields, query parameters or JSON) with the module's zod
 * schema and throws AppError('INVALID') with one message key per field.
 */

/** Rates and shares are shown, and returned, to one decimal (as Kyrgyz and Kazakh rules round). */
const oneDecimal = (v: number) => Math.round(v * 10) / 10;

export function calculateLoan(ctx: ServiceContext, raw: unknown): LoanView & { input: LoanInput } {
	const input = parseInput(loanInput, raw);
	const digits = currencyDigits(input.currency);
	const result = computeLoan({ ...input, digits });
	const rule = rateRuleFor(input.country);
	return {
		input,
		payment: result.payment,
		paymentWithFee: result.paymentWithFee,
		received: result.received,
		schedule: result.schedule,
		totalInterest: result.totalInterest,
		totalFees: result.totalFees,
		totalPaid: result.totalPaid,
		totalCost: result.totalCost,
		effectiveRatePercent: oneDecimal(result.effectiveRate),
		effectiveRate: {
			name: t(
				ctx.locale,
				rule.country === 'KG'
					? 'learning_rate_name_KG'
					: rule.country === 'KZ'
						? 'learning_rate_name_KZ'
						: 'learning_rate_name_own'
			),
			...rule
		},
		currency: input.currency ?? null,
		digits
	};
}

export function calculatePrice(_ctx: ServiceContext, raw: unknown): PriceView & { input: PriceInput } {
	const input = parseInput(priceInput, raw);
	const digits = currencyDigits(input.currency);
	const r = computePrice({ ...input, digits });
	return {
		input,
		materials: r.materials,
		labour: r.labour,
		overhead: r.overhead,
		cost: r.cost,
		profit: r.profit,
		price: r.price,
		profitShareOfPricePercent: oneDecimal(r.profitShareOfPrice),
		currency: input.currency ?? null,
		digits
	};
}

export function calculateBreakEven(
	_ctx: ServiceContext,
	raw: unknown
): BreakEvenView & { input: BreakEvenInput } {
	const input = parseInput(breakEvenInput, raw);
	const digits = currencyDigits(input.currency);
	const r = computeBreakEven({ ...input, digits });
	if (r.units === null || r.revenue === null)
		throw new AppError('INVALID', {
			messageKey: 'learning_breakeven_never',
			fields: { price: { key: 'learning_error_price_not_above_cost' } }
		});
	return {
		input,
		contribution: r.contribution,
		units: r.units,
		revenue: r.revenue,
		currency: input.currency ?? null,
		digits
	};
}
