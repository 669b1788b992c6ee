/*
 * Abdi: the first requests of /presensi, started while the app's JavaScript is still on its way (or, in the
 * installed app, still being parsed). On a phone on 3G each request is half a second; started here they overlap
 * the download and start-up of the app instead of following it. Only GETs, only what the punch button waits for:
 * the session check and, for the employee remembered on this device, today's places, rules and device. The app
 * takes each answer once (src/web/api/http.ts, takeEarlyResponse) and makes the request itself when there is none,
 * when it is older than 20 seconds, or when this script did not run. A plain script in public/ (not bundled) so the
 * Content-Security-Policy `script-src 'self'` allows it; loaded async, it never delays the page.
 */
/* global window, location, fetch, localStorage */
(function () {
  'use strict';
  if (location.pathname !== '/presensi' || typeof fetch !== 'function') return;
  var init = { credentials: 'same-origin', headers: { accept: 'application/json' } };
  var started = Date.now();
  var early = {};
  var take = function (path) {
    return fetch('/api' + path, init).catch(function () {
      return null;
    });
  };
  early['/auth/me'] = take('/auth/me');
  try {
    var me = JSON.parse(localStorage.getItem('abdi.me') || 'null');
    if (me && me.user && me.user.employeeId) early['/attendance/today'] = take('/attendance/today');
  } catch {
    // no storage (private mode): the app asks for today itself
  }
  window.__abdiEarly = { started: started, responses: early };
})();
