// Birge learning: offline course packs (progressive enhancement; see learning/pack.ts).
// On a course page: "Download" registers the learning service worker (scope /{locale}/learn/ only) and
// puts the course pack into the cache; "Remove download" deletes it. In a pack: lessons marked read
// and quizzes taken are scored here from the pack's key, kept in localStorage while offline and sent to
// /api/v1/learning/sync when online (idempotent: every attempt carries its own id). Without an
// account nothing is kept. Quick exit (/exit) clears all of it (Clear-Site-Data).
(function () {
	'use strict';
	var QUEUE = 'birge-learn-queue';

	// ——— course page ———
	var box = document.querySelector('[data-learn-offline]');
	if (box && 'serviceWorker' in navigator && window.caches) {
		var locale = box.getAttribute('data-locale');
		var course = box.getAttribute('data-course');
		var pack = box.getAttribute('data-pack');
		// The lessons' images travel with the pack (the size on the button counts them).
		var assets = (box.getAttribute('data-assets') || '').split(' ').filter(Boolean);
		var name = 'birge-learn-' + locale + '-' + course;
		var state = box.querySelector('[data-offline-state]');
		var get = box.querySelector('[data-offline-download]');
		var remove = box.querySelector('[data-offline-remove]');
		box.querySelector('[data-offline-controls]').hidden = false;
		box.querySelector('[data-offline-nojs]').hidden = true;
		var show = function (downloaded) {
			remove.hidden = !downloaded;
		};
		caches.has(name).then(show);
		get.addEventListener('click', function () {
			get.disabled = true;
			navigator.serviceWorker
				.register('/learn-sw.js', { scope: '/' + locale + '/learn/' })
				.then(function () {
					return caches.open(name);
				})
				.then(function (cache) {
					return cache.addAll([pack, '/js/learn-offline.js'].concat(assets));
				})
				.then(function () {
					state.textContent = state.getAttribute('data-done');
					show(true);
				})
				.catch(function () {
					caches.delete(name);
					state.textContent = state.getAttribute('data-failed');
				})
				.then(function () {
					get.disabled = false;
				});
		});
		remove.addEventListener('click', function () {
			caches.delete(name).then(function () {
				state.textContent = state.getAttribute('data-removed');
				show(false);
			});
		});
	}

	// ——— inside a pack ———
	var data = document.getElementById('learn-pack');
	if (!data) return;
	var p = JSON.parse(data.textContent);
	var S = p.strings;

	function queued() {
		try {
			return JSON.parse(localStorage.getItem(QUEUE) || '{}');
		} catch {
			return {};
		}
	}
	function load() {
		return queued()[p.course] || { lessons: [], quizzes: [] };
	}
	function save(q) {
		var all = queued();
		if (q.lessons.length || q.quizzes.length) all[p.course] = q;
		else delete all[p.course];
		localStorage.setItem(QUEUE, JSON.stringify(all));
	}
	function newId() {
		var a = new Uint8Array(12);
		crypto.getRandomValues(a);
		return Array.prototype.map
			.call(a, function (b) {
				return ('0' + b.toString(16)).slice(-2);
			})
			.join('');
	}
	// Numbers as typed (1 000, 1000 сом, 12,5); the server scores again when the attempt arrives.
	function number(text) {
		var t = String(text)
			.replace(/[\s\u00a0\u202f]/g, '')
			.replace(/[^\d.,-]+$/, '');
		if (/^\d{1,3}([.,]\d{3})+$/.test(t) && !/^0/.test(t)) t = t.replace(/[.,]/g, '');
		else t = t.replace(',', '.');
		return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
	}

	var syncing = false;
	function sync() {
		if (!p.signedIn || syncing || !navigator.onLine) return;
		var q = load();
		if (!q.lessons.length && !q.quizzes.length) return;
		syncing = true;
		fetch('/api/v1/learning/sync?lang=' + p.locale, {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ course: p.course, lessons: q.lessons, quizzes: q.quizzes })
		})
			.then(function (r) {
				if (!r.ok) throw new Error(String(r.status));
				save({ lessons: [], quizzes: [] });
				var note = document.querySelector('[data-sync-state]');
				if (note) note.textContent = S.synced;
			})
			.catch(function () {})
			.then(function () {
				syncing = false;
			});
	}

	Array.prototype.forEach.call(document.querySelectorAll('[data-read]'), function (button) {
		button.addEventListener('click', function () {
			var lesson = button.getAttribute('data-read');
			var note = document.querySelector('[data-read-state="' + lesson + '"]');
			if (p.signedIn) {
				var q = load();
				q.lessons.push({ lesson: lesson, at: new Date().toISOString() });
				save(q);
			}
			if (note) note.textContent = S.read;
			sync();
		});
	});

	Array.prototype.forEach.call(document.querySelectorAll('form[data-quiz]'), function (form) {
		form.addEventListener('submit', function (event) {
			event.preventDefault();
			var slug = form.getAttribute('data-quiz');
			var key = p.key[slug];
			var answers = {};
			var score = 0;
			key.questions.forEach(function (k) {
				var field = slug + '.' + k.id;
				var given = [];
				Array.prototype.forEach.call(form.elements, function (el) {
					if (el.name !== field) return;
					if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) return;
					if (el.value) given.push(el.value);
				});
				answers[k.id] = given;
				var ok;
				if (k.kind === 'numeric') {
					var n = given.length ? number(given[0]) : null;
					ok = n !== null && Math.abs(n - k.answer) <= Math.abs(k.tolerance || 0) + 1e-9;
				} else {
					ok =
						given.length === k.correct.length &&
						given.every(function (g) {
							return k.correct.indexOf(g) >= 0;
						}) &&
						(k.kind === 'multiple' || given.length === 1);
				}
				if (ok) score++;
				var fb = form.querySelector('[data-question="' + k.id + '"] [data-feedback]');
				if (fb) {
					fb.textContent = ok ? S.correct : S.incorrect;
					fb.className = ok ? 'ok' : 'no';
				}
			});
			var passed = score * 100 >= key.passPercent * key.questions.length;
			if (p.signedIn) {
				var q = load();
				q.quizzes.push({
					lesson: key.lesson,
					quiz: slug,
					answers: answers,
					clientId: newId(),
					takenAt: new Date().toISOString()
				});
				save(q);
			}
			var result = form.querySelector('[data-result]');
			if (result)
				result.textContent = score + ' / ' + key.questions.length + ' — ' + (passed ? S.passed : S.failed);
			sync();
		});
	});

	window.addEventListener('online', sync);
	sync();
})();
