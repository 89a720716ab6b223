import { sql } from 'drizzle-orm';
import {
	groupedIndicator,
	periodSql,
	requestedCountries,
	requestSpan,
	type IndicatorDefinition,
	type IndicatorRequest
} from '../../core';

/**
 * What learning counts (core/indicators), by the country and region a learner chose to give (optional,
 * on /learn; nothing else about where she lives is kept, and no age at all). A learner who gave no
 * country is not counted by country. Small counts are suppressed by core.
 * - learners active: women who read a lesson or took a quiz in the period;
 * - lessons completed: lessons read in the period (one woman's act each: suppressed like people);
 * - courses completed and certificates issued: certificates issued in the period (every certificate is
 *   a completed course; the second counts only those not revoked since).
 */

function activity(request: IndicatorRequest) {
	const [from, to] = requestSpan(request);
	return sql`
		select ${periodSql(request, sql`a.at`)} as period, l.country, l.region as d_region, a.user_id
		from (
			select user_id, completed_at as at from learning_lesson_progress
			where completed_at >= ${from}::date and completed_at < ${to}::date
			union all
			select user_id, taken_at as at from learning_quiz_attempt
			where taken_at >= ${from}::date and taken_at < ${to}::date
		) a
		join learning_learner l on l.user_id = a.user_id
		where l.country in (${requestedCountries(request)})`;
}

const learnersActive: IndicatorDefinition = {
	name: 'learning.learners_active',
	unit: 'people',
	kind: 'flow',
	dimensions: ['region'],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: activity(request),
			value: sql`count(distinct s.user_id)`
		});
	}
};

const lessonsCompleted: IndicatorDefinition = {
	name: 'learning.lessons_completed',
	unit: 'people',
	kind: 'flow',
	dimensions: ['region'],
	compute(ctx, request) {
		const [from, to] = requestSpan(request);
		return groupedIndicator(ctx, this, request, {
			source: sql`
				select ${periodSql(request, sql`p.completed_at`)} as period, l.country, l.region as d_region, p.user_id
				from learning_lesson_progress p join learning_learner l on l.user_id = p.user_id
				where p.completed_at >= ${from}::date and p.completed_at < ${to}::date
					and l.country in (${requestedCountries(request)})`,
			value: sql`count(*)`
		});
	}
};

function certificates(request: IndicatorRequest, validOnly: boolean) {
	const [from, to] = requestSpan(request);
	return sql`
		select ${periodSql(request, sql`c.issued_at`)} as period, c.country, c.region as d_region, c.id
		from learning_certificate c
		where c.issued_at >= ${from}::date and c.issued_at < ${to}::date
			and c.country in (${requestedCountries(request)})
			${validOnly ? sql`and c.revoked_at is null` : sql``}`;
}

const coursesCompleted: IndicatorDefinition = {
	name: 'learning.courses_completed',
	unit: 'people',
	kind: 'flow',
	dimensions: ['region'],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: certificates(request, false),
			value: sql`count(*)`
		});
	}
};

const certificatesIssued: IndicatorDefinition = {
	name: 'learning.certificates_issued',
	unit: 'people',
	kind: 'flow',
	dimensions: ['region'],
	compute(ctx, request) {
		return groupedIndicator(ctx, this, request, {
			source: certificates(request, true),
			value: sql`count(*)`
		});
	}
};

export const learningIndicators: IndicatorDefinition[] = [
	learnersActive,
	lessonsCompleted,
	coursesCompleted,
	certificatesIssued
];
