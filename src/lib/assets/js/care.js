// Safe help (/care): quick exit and history that keeps no trace of these pages.
// - A click on [data-quick-exit], or Shift pressed three times, hides the page at once and replaces
//   it (location.replace) with the exit route, which asks the browser to clear this site's data and
//   redirects to the home page: Back does not return here.
// - Links and GET forms on these pages replace the current history entry instead of adding one.
// No storage of any kind is used; no request goes anywhere but this site.
(function () {
	'use strict';
	var exitLink = document.querySelector('a[data-quick-exit]');
	var exitHref = exitLink ? exitLink.href : '/';

	function quickExit(event) {
		if (event) event.preventDefault();
		document.title = '';
		if (document.body) document.body.hidden = true;
		window.location.replace(exitHref);
	}

	// The Shift ×3 hint only where a keyboard is present: a fine pointer (a computer), or once a key is
	// pressed (a phone with a keyboard attached). Touch-only phones never see it.
	var hints = document.querySelectorAll('[data-quick-exit-hint]');
	function showHints() {
		for (var i = 0; i < hints.length; i++) hints[i].hidden = false;
	}
	if (window.matchMedia && window.matchMedia('(hover: hover) and (pointer: fine)').matches) showHints();
	document.addEventListener('keydown', showHints, { once: true, capture: true });

	var presses = 0;
	var firstAt = 0;
	document.addEventListener(
		'keydown',
		function (event) {
			if (event.key !== 'Shift') {
				presses = 0;
				return;
			}
			if (event.repeat) return;
			var now = Date.now();
			if (presses === 0 || now - firstAt > 5000) {
				presses = 0;
				firstAt = now;
			}
			presses++;
			if (presses >= 3) {
				presses = 0;
				quickExit(event);
			}
		},
		true
	);

	function replaceable(url) {
		return url.protocol === 'http:' || url.protocol === 'https:';
	}

	document.addEventListener('click', function (event) {
		if (event.defaultPrevented || event.button !== 0) return;
		if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
		var target = event.target;
		var link = target && target.closest ? target.closest('a[href]') : null;
		if (!link) return;
		if (link.hasAttribute('data-quick-exit')) return quickExit(event);
		if (link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
		var url = new URL(link.href, window.location.href);
		if (!replaceable(url)) return; // tel: links dial as usual
		if (
			url.origin === window.location.origin &&
			url.pathname === window.location.pathname &&
			url.hash &&
			url.search === window.location.search
		)
			return;
		event.preventDefault();
		window.location.replace(url.href);
	});

	document.addEventListener('submit', function (event) {
		var form = event.target;
		if (!form || (form.method || 'get').toLowerCase() !== 'get') return;
		event.preventDefault();
		var url = new URL(form.action || window.location.href, window.location.href);
		var params = new URLSearchParams();
		var data = new FormData(form);
		data.forEach(function (value, key) {
			if (typeof value === 'string' && value !== '') params.append(key, value);
		});
		url.search = params.toString();
		window.location.replace(url.href);
	});
})();
