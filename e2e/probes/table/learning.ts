import { action, all, by, endpoint, page, type Row } from './types';

/**
 * Learning: courses, lessons, quizzes, offline packs, certificates, authoring, API. Readers: everybody
 * for published courses. Authors: staff of an organization for their organization's courses, platform
 * admins for all (learning/access.ts); the seeded course belongs to no organization, so staff may open
 * the authoring list (403 for others) but not the course (403, as for every non-editor).
 * Certificates: anyone verifies one by its code; only its holder (the entrepreneur) downloads its PDF
 * (another user gets 404, as for an unknown code: a code is not a key to someone else's document);
 * only those who may edit its course revoke it (the seeded course: platform admins).
 */
export const rows: Row[] = [
	action('/certificates/[code]', 'revoke', '/en/certificates/no-such-code', by({ anon: 303, rest: 404 }), {
		variant: 'unknown'
	}),
	page('/certificates/[code]', '/en/certificates/no-such-code', by({ rest: 404 }), 'unknown'),
	page('/certificates/[code]', (i) => `/en/certificates/${i.certificate}`, by({ rest: 200 }), 'issued'),
	endpoint(
		'/[locale=locale]/certificates/[code]/pdf',
		'GET',
		(i) => `/en/certificates/${i.certificate}/pdf`,
		by({ anon: 303, entrepreneur: 200, rest: 404 }),
		{ variant: 'holder vs others' }
	),
	action(
		'/certificates/[code]',
		'revoke',
		(i) => `/en/certificates/${i.certificateToRevoke}`,
		// With a reason: every signed-in role but an editor of the course is refused; the admin revokes.
		by({ anon: 303, admin: 303, rest: 403 }),
		{ variant: 'issued', form: () => ({ reason: 'probe: issued in error' }) }
	),
	endpoint(
		'/[locale=locale]/certificates/[code]/pdf',
		'GET',
		'/en/certificates/no-such-code/pdf',
		by({ anon: 303, rest: 404 }),
		{ variant: 'unknown' }
	),
	action('/learn', 'place', '/en/learn', by({ anon: 303, rest: 400 })),
	page('/learn', '/en/learn', by({ rest: 200 })),
	page('/learn/[course]', (i) => `/en/learn/${i.course}`, by({ rest: 200 })),
	action(
		'/learn/[course]/[lesson]',
		'quiz',
		(i) => `/en/learn/${i.course}/${i.lesson}`,
		by({ anon: 404, rest: 400 })
	),
	action('/learn/[course]/[lesson]', 'read', (i) => `/en/learn/${i.course}/${i.lesson}`, by({ rest: 303 })),
	page('/learn/[course]/[lesson]', (i) => `/en/learn/${i.course}/${i.lesson}`, by({ rest: 200 })),
	endpoint(
		'/[locale=locale]/learn/[course]/offline',
		'GET',
		(i) => `/en/learn/${i.course}/offline`,
		by({ rest: 200 })
	),
	endpoint(
		'/[locale=locale]/learn/[course]/pack.html',
		'GET',
		(i) => `/en/learn/${i.course}/pack.html`,
		by({ rest: 200 })
	),
	action('/learn/author', 'create', '/en/learn/author', by({ anon: 303, staff: 400, admin: 400, rest: 403 })),
	page('/learn/author', '/en/learn/author', by({ anon: 303, staff: 200, admin: 200, rest: 403 })),
	action(
		'/learn/author/[course]',
		'image',
		(i) => `/en/learn/author/${i.course}`,
		by({ anon: 303, admin: 400, rest: 403 })
	),
	action(
		'/learn/author/[course]',
		'publish',
		(i) => `/en/learn/author/${i.course}`,
		// An empty form is refused with a message and changes nothing (the course stays published).
		by({ anon: 303, admin: 400, rest: 403 })
	),
	action(
		'/learn/author/[course]',
		'outline',
		(i) => `/en/learn/author/${i.course}`,
		// An empty form (no button pressed) is refused and changes nothing.
		by({ anon: 303, admin: 400, rest: 403 })
	),
	action(
		'/learn/author/[course]',
		'save',
		(i) => `/en/learn/author/${i.course}`,
		by({ anon: 303, admin: 400, rest: 403 })
	),
	page(
		'/learn/author/[course]',
		(i) => `/en/learn/author/${i.course}`,
		by({ anon: 303, admin: 200, rest: 403 })
	),
	action(
		'/learn/author/[course]/[lesson]',
		'audio',
		(i) => `/en/learn/author/${i.course}/${i.lesson}`,
		by({ anon: 303, admin: 400, rest: 403 })
	),
	action(
		'/learn/author/[course]/[lesson]',
		'preview',
		(i) => `/en/learn/author/${i.course}/${i.lesson}`,
		by({ anon: 303, admin: 200, rest: 403 })
	),
	action(
		'/learn/author/[course]/[lesson]',
		'save',
		(i) => `/en/learn/author/${i.course}/${i.lesson}`,
		by({ anon: 303, admin: 400, rest: 403 })
	),
	page(
		'/learn/author/[course]/[lesson]',
		(i) => `/en/learn/author/${i.course}/${i.lesson}`,
		by({ anon: 303, admin: 200, rest: 403 })
	),
	action(
		'/learn/author/[course]/[lesson]/quiz/[quiz]',
		'save',
		(i) => `/en/learn/author/${i.course}/${i.lesson}/quiz/new`,
		by({ anon: 303, admin: 400, rest: 403 })
	),
	action(
		'/learn/author/[course]/[lesson]/quiz/[quiz]',
		'remove',
		(i) => `/en/learn/author/${i.course}/${i.lesson}/quiz/new`,
		// Unconfirmed: an editor gets the message (nothing removed); everyone else is refused first.
		by({ anon: 303, admin: 400, rest: 403 })
	),
	page(
		'/learn/author/[course]/[lesson]/quiz/[quiz]',
		(i) => `/en/learn/author/${i.course}/${i.lesson}/quiz/new`,
		by({ anon: 303, admin: 200, rest: 403 })
	),
	endpoint(
		'/api/v1/learning/certificates/[code]',
		'GET',
		'/api/v1/learning/certificates/no-such-code',
		by({ rest: 404 }),
		{ variant: 'unknown' }
	),
	endpoint('/api/v1/learning/courses', 'GET', '/api/v1/learning/courses', by({ rest: 200 })),
	endpoint(
		'/api/v1/learning/courses/[course]',
		'GET',
		(i) => `/api/v1/learning/courses/${i.course}?lang=en`,
		all(200)
	),
	endpoint(
		'/api/v1/learning/courses/[course]/lessons/[lesson]',
		'GET',
		(i) => `/api/v1/learning/courses/${i.course}/lessons/${i.lesson}?lang=en`,
		all(200)
	),
	endpoint('/api/v1/learning/progress', 'GET', '/api/v1/learning/progress', by({ anon: 401, rest: 200 })),
	endpoint('/api/v1/learning/sync', 'POST', '/api/v1/learning/sync', by({ anon: 401, rest: 400 }), {
		json: {}
	})
];
