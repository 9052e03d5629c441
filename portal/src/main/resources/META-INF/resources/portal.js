// Live partner dashboard: the portal pushes the earnings fragment (server-sent events) when it changes; swap it in.
(function () {
  var live = document.querySelector('[data-live]');
  if (!live || !window.EventSource) { return; }
  var status = document.getElementById('live-status');
  var source = new EventSource(live.getAttribute('data-live'));
  source.onopen = function () { if (status) { status.textContent = 'Live: updates appear without reloading'; } };
  source.onmessage = function (e) {
    var next = document.createElement('div');
    next.innerHTML = e.data;
    var fragment = next.querySelector('#earnings');
    var current = document.getElementById('earnings');
    if (fragment && current) { current.replaceWith(fragment); }
    if (status) { status.textContent = 'Live: updated ' + new Date().toLocaleTimeString(); }
  };
  source.onerror = function () { if (status) { status.textContent = 'Live: reconnecting…'; } };
})();
