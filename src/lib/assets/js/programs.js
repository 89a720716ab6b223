// Birge programs: progressive enhancement of the search page. Without this script the GET form
// works as is; with it, changing a filter or submitting updates the results in place (the same
// URL is fetched and its results region swapped), and history keeps every search.
(function () {
	'use strict';
	var form = document.querySelector('[data-programs-search]');
	var results = document.querySelector('[data-programs-results]');
	if (!form || !results || !window.fetch || !window.DOMParser || !window.history.pushState) return;
	var pending = null;
	var pendingPush = false;
	var timer = 0;

	function urlFor(f) {
		var params = new URLSearchParams();
		new FormData(f).forEach(function (value, key) {
			if (value !== '') params.append(key, String(value));
		});
		if (params.get('sort') === 'relevance') params.delete('sort');
		var s = params.toString();
		return f.getAttribute('action') + (s ? '?' + s : '');
	}

	function load(url, push, fromHistory) {
		// A newer load replaces a pending one; if the pending one was to add a history entry, the
		// newer one adds it instead, so no search is lost from history.
		if (pending) {
			pending.abort();
			push = push || pendingPush;
		}
		pending = new AbortController();
		pendingPush = push;
		var mine = pending;
		results.setAttribute('aria-busy', 'true');
		fetch(url, { signal: pending.signal, headers: { accept: 'text/html' }, credentials: 'same-origin' })
			.then(function (res) {
				if (!res.ok) throw new Error(String(res.status));
				return res.text();
			})
			.then(function (html) {
				var doc = new DOMParser().parseFromString(html, 'text/html');
				var fresh = doc.querySelector('[data-programs-results]');
				var freshForm = doc.querySelector('[data-programs-search]');
				if (!fresh) throw new Error('no results region');
				results.innerHTML = fresh.innerHTML;
				// The region filter depends on the country: take the server's filters too.
				var filters = form.querySelector('.programs-filters');
				var freshFilters = freshForm && freshForm.querySelector('.programs-filters');
				if (
					filters &&
					freshFilters &&
					(fromHistory || (document.activeElement && !filters.contains(document.activeElement)))
				) {
					// Back and forward show that entry's filters; otherwise the one being changed stays put.
					filters.innerHTML = freshFilters.innerHTML;
				} else if (filters && freshFilters) {
					var region = freshFilters.querySelector('select[name=region]');
					var current = filters.querySelector('select[name=region]');
					if (region && !current) filters.innerHTML = freshFilters.innerHTML;
					if (!region && current) current.closest('label').remove();
				}
				document.title = doc.title;
				if (push) history.pushState({ programs: true }, '', url);
				else history.replaceState({ programs: true }, '', url);
			})
			.catch(function (error) {
				if (error && error.name === 'AbortError') return;
				window.location.href = url; // fall back to a normal page load
			})
			.finally(function () {
				if (pending !== mine) return; // a newer load is under way: it owns the busy state
				pending = null;
				pendingPush = false;
				results.removeAttribute('aria-busy');
			});
	}

	form.addEventListener('submit', function (event) {
		event.preventDefault();
		clearTimeout(timer); // the words typed are searched now: no second search when the pause ends
		load(urlFor(form), true);
	});
	form.addEventListener('change', function (event) {
		if (event.target && event.target.name === 'q') return;
		clearTimeout(timer); // this load takes the words typed too
		if (event.target && event.target.name === 'country') {
			var region = form.querySelector('select[name=region]');
			if (region) region.value = '';
		}
		load(urlFor(form), true);
	});
	form.addEventListener('input', function (event) {
		if (!event.target || event.target.name !== 'q') return;
		clearTimeout(timer);
		timer = setTimeout(function () {
			load(urlFor(form), false);
		}, 350);
	});
	results.addEventListener('click', function (event) {
		var link = event.target && event.target.closest ? event.target.closest('a') : null;
		if (!link || !results.contains(link)) return;
		var href = link.getAttribute('href') || '';
		if (href.indexOf(form.getAttribute('action') + '?') !== 0 && href !== form.getAttribute('action')) return;
		event.preventDefault();
		load(href, true);
		var params = new URL(href, window.location.href).searchParams;
		var q = form.querySelector('input[name=q]');
		if (q && params.has('q')) q.value = params.get('q');
		results.scrollIntoView({ block: 'start' });
	});
	window.addEventListener('popstate', function () {
		clearTimeout(timer);
		if (pending) {
			pending.abort();
			pending = null;
			pendingPush = false;
		}
		var params = new URL(window.location.href).searchParams;
		var q = form.querySelector('input[name=q]');
		if (q) q.value = params.get('q') || '';
		load(window.location.pathname + window.location.search, false, true);
	});
})();
