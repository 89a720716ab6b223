import { AppError, parseInput, writeAudit, type ServiceContext } from '../../core';
import { CONTENT_LOCALES as LOCALES, type Locale } from '#lib/i18n/locales';
import { requireEditor } from './access';
import { loadCourse } from './courses';
import { outlineInput } from './inputs';
import * as q from './queries';
import type { LessonRow, ModuleRow } from './queries';
import { writtenText } from './marks';
import type { I18nText } from '../../core';

/**
 * A course's outline in the authoring form: add, rename, reorder (up/down buttons) and remove modules,
 * reorder lessons and move them between modules. Each button is its own small form, so nothing needs
 * JavaScript. Positions are renumbered after every change so that the lesson order is the module order,
 * then the order inside each module (the course page, "next lesson", packs and the bot all read it).
 * A module with lessons is not removed (move them first), nor the last module. An empty or unknown
 * form is refused with a message and changes nothing. Progress is kept by lesson id, so moving a lesson
 * keeps what learners did.
 */

type Text = Partial<Record<Locale, string>>;

function clean(text: Partial<Record<Locale, string | undefined>>): Text {
	const out: Text = {};
	for (const l of LOCALES) {
		const v = text[l]?.trim();
		if (v) out[l] = v;
	}
	return out;
}

/** Lessons in reading order: by module, then by their place in it. */
function ordered(modules: ModuleRow[], lessons: LessonRow[]): LessonRow[] {
	return modules.flatMap((m) =>
		lessons.filter((l) => l.moduleId === m.id).sort((a, b) => a.position - b.position)
	);
}

/** Lesson `i` into module `moduleId`, at its start or end; the list comes back in reading order. */
function moveTo(
	modules: ModuleRow[],
	lessons: LessonRow[],
	i: number,
	moduleId: string,
	where: 'start' | 'end'
): LessonRow[] {
	const keyed = lessons.map((l, n) => ({ ...l, position: n + 1 }));
	keyed[i] = { ...keyed[i], moduleId, position: where === 'start' ? 0 : keyed.length + 1 };
	return ordered(modules, keyed);
}

export async function editOutline(ctx: ServiceContext, courseSlug: string, raw: unknown) {
	const c = await loadCourse(ctx, courseSlug);
	requireEditor(ctx, c);
	const input = parseInput(outlineInput, raw);
	const outline = await q.outline(ctx.db, c.id);
	const modules = [...outline.modules];
	// Lessons of a module that no longer exists would be unreachable: keep them with the first module.
	let lessons = outline.lessons.map((l) =>
		modules.some((m) => m.id === l.moduleId) ? l : { ...l, moduleId: modules[0]?.id ?? l.moduleId }
	);
	lessons = ordered(modules, lessons);
	const moduleAt = (id: string) => {
		const i = modules.findIndex((m) => m.id === id);
		if (i < 0) throw new AppError('INVALID', { fields: { module: { key: 'learning_error_module' } } });
		return i;
	};
	const lessonAt = (slug: string) => {
		const i = lessons.findIndex((l) => l.slug === slug);
		if (i < 0) throw new AppError('INVALID', { fields: { lesson: { key: 'learning_error_lesson' } } });
		return i;
	};
	const titleOf = (title: Partial<Record<Locale, string | undefined>>) => {
		const t = clean(title);
		if (!Object.keys(t).length)
			throw new AppError('INVALID', { fields: { 'title.ru': { key: 'learning_error_title_one' } } });
		return t;
	};
	let added: ModuleRow | null = null;
	let removed: string | null = null;
	let renamed: { id: string; title: I18nText } | null = null;
	switch (input.op) {
		case 'add-module': {
			const title = titleOf(input.title);
			const taken = new Set(modules.map((m) => m.id));
			let n = modules.length + 1;
			while (taken.has(`${c.id}/m${n}`)) n++;
			// Her title, in the language she wrote it in (issue 18).
			added = {
				id: `${c.id}/m${n}`,
				courseId: c.id,
				position: modules.length + 1,
				title: writtenText(ctx, null, title)
			};
			modules.push(added);
			break;
		}
		case 'rename-module': {
			// The locales she changed are hers; the others keep their marks.
			const m = modules[moduleAt(input.module)];
			renamed = { id: m.id, title: writtenText(ctx, m.title, titleOf(input.title)) };
			break;
		}
		case 'module-up':
		case 'module-down': {
			const i = moduleAt(input.module);
			const j = input.op === 'module-up' ? i - 1 : i + 1;
			if (j < 0 || j >= modules.length) return;
			[modules[i], modules[j]] = [modules[j], modules[i]];
			lessons = ordered(modules, lessons);
			break;
		}
		case 'remove-module': {
			const i = moduleAt(input.module);
			if (modules.length === 1) throw new AppError('CONFLICT', { messageKey: 'learning_error_module_last' });
			if (lessons.some((l) => l.moduleId === modules[i].id))
				throw new AppError('CONFLICT', { messageKey: 'learning_error_module_not_empty' });
			removed = modules[i].id;
			modules.splice(i, 1);
			break;
		}
		case 'lesson-up':
		case 'lesson-down': {
			const i = lessonAt(input.lesson);
			const l = lessons[i];
			const j = input.op === 'lesson-up' ? i - 1 : i + 1;
			const neighbour = lessons[j];
			if (neighbour && neighbour.moduleId === l.moduleId) {
				[lessons[i], lessons[j]] = [lessons[j], lessons[i]];
				break;
			}
			// At the edge of its module: into the module before (at its end) or after (at its start).
			const m = moduleAt(l.moduleId);
			const target = modules[input.op === 'lesson-up' ? m - 1 : m + 1];
			if (!target) return;
			lessons = moveTo(modules, lessons, i, target.id, input.op === 'lesson-up' ? 'end' : 'start');
			break;
		}
		case 'lesson-module': {
			const i = lessonAt(input.lesson);
			const target = modules[moduleAt(input.module)];
			if (lessons[i].moduleId === target.id) return;
			lessons = moveTo(modules, lessons, i, target.id, 'end');
			break;
		}
	}
	lessons = ordered(
		modules,
		lessons.map((l, i) => ({ ...l, position: i + 1 }))
	);
	await ctx.db.transaction(async (tx) => {
		if (added) await q.upsertModule(tx, added);
		if (renamed) await q.updateModule(tx, renamed.id, { title: renamed.title });
		for (const [i, m] of modules.entries()) {
			const before = outline.modules.find((x) => x.id === m.id);
			if (before && before.position !== i + 1) await q.updateModule(tx, m.id, { position: i + 1 });
		}
		for (const [i, l] of lessons.entries()) {
			const before = outline.lessons.find((x) => x.id === l.id)!;
			if (before.position !== i + 1 || before.moduleId !== l.moduleId)
				await q.updateLesson(tx, l.id, { position: i + 1, moduleId: l.moduleId });
		}
		if (removed) await q.deleteModule(tx, removed);
		await q.updateCourse(tx, c.id, { version: c.version + 1, updatedAt: ctx.clock() });
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: 'learning.course.outline',
				entity: 'learning_course',
				entityId: c.id,
				after: { op: input.op, version: c.version + 1 }
			}
		);
	});
}
