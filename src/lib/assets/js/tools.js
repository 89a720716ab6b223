// Birge calculators: progressive enhancement. Without this script each calculator is a GET form whose
// result the server renders. With it, the result follows what she types (the same URL is fetched and
// its result region swapped, without moving her focus); sending the form swaps the whole calculator and
// moves focus to the result heading, or to the error summary when an input is wrong; Print appears.
(function () {
	'use strict';
	var root = document.querySelector('[data-tools-page]');
	var form = root && root.querySelector('[data-tools-form]');
	if (!form || !window.fetch || !window.DOMParser || !window.history.replaceState) return;
	var pending = null;
	var timer = 0;

	function urlFor(f) {
		var params = new URLSearchParams();
		new FormData(f).forEach(function (value, key) {
			params.append(key, String(value));
		});
		return f.getAttribute('action').split('#')[0] + '?' + params.toString();
	}

	function showPrint() {
		var buttons = root.querySelectorAll('[data-tools-print]');
		for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
	}

	function load(url, sent) {
		if (pending) pending.abort();
		pending = new AbortController();
		var region = root.querySelector('[data-tools-result]');
		if (region) region.setAttribute('aria-busy', 'true');
		fetch(url, { signal: pending.signal, headers: { accept: 'text/html' }, credentials: 'same-origin' })
			.then(function (res) {
				if (!res.ok) throw new Error(String(res.status));
				return res.text();
			})
			.then(function (html) {
				var doc = new DOMParser().parseFromString(html, 'text/html');
				var fresh = doc.querySelector('[data-tools-page]');
				if (!fresh) throw new Error('no calculator');
				var freshResult = fresh.querySelector('[data-tools-result]');
				var hasResult = !!(freshResult && freshResult.querySelector('#tools-result'));
				if (sent) {
					// After a send: the whole calculator (error summary, field messages, result).
					root.innerHTML = fresh.innerHTML;
					form = root.querySelector('[data-tools-form]');
					bind();
					var target = root.querySelector('[data-tools-errors]') || root.querySelector('#tools-result');
					if (target) target.focus();
				} else if (hasResult && region) {
					// While typing: only a complete result replaces the one shown; focus stays in the field.
					region.innerHTML = freshResult.innerHTML;
				}
				if (sent || hasResult) history.replaceState(null, '', url);
				showPrint();
			})
			.catch(function (error) {
				if (error && error.name === 'AbortError') return;
				if (sent) window.location.href = url; // fall back to a normal page load
			})
			.finally(function () {
				var r = root.querySelector('[data-tools-result]');
				if (r) r.removeAttribute('aria-busy');
			});
	}

	function bind() {
		form.addEventListener('submit', function (event) {
			event.preventDefault();
			clearTimeout(timer);
			load(urlFor(form), true);
		});
		form.addEventListener('input', function () {
			clearTimeout(timer);
			timer = setTimeout(function () {
				load(urlFor(form), false);
			}, 500);
		});
		form.addEventListener('change', function (event) {
			if (event.target && event.target.tagName === 'SELECT') load(urlFor(form), false);
			else if (event.target && event.target.type === 'radio') load(urlFor(form), false);
		});
	}

	root.addEventListener('click', function (event) {
		var button = event.target && event.target.closest && event.target.closest('[data-tools-print]');
		if (button) window.print();
	});

	bind();
	showPrint();
})();
