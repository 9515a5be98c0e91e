// Preload (node --require): traps Node's network entry points. Any touch is appended to the file named by
// TIP_LENS_NET_LOG and then throws, so a test can fail on it even when the code under test swallows the error.
'use strict';
const fs = require('node:fs');
const log = process.env.TIP_LENS_NET_LOG;
function touched(what) {
  const line = `${what} (pid ${process.pid})\n`;
  if (log) fs.appendFileSync(log, line);
  throw new Error(`network access blocked by test: ${what}`);
}
const net = require('node:net');
net.Socket.prototype.connect = function () { touched('net.Socket.connect'); };
net.connect = net.createConnection = function () { touched('net.connect'); };
const tls = require('node:tls');
tls.connect = function () { touched('tls.connect'); };
const dns = require('node:dns');
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService']) dns[k] = function () { touched(`dns.${k}`); };
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) if (dns.promises) dns.promises[k] = function () { touched(`dns.promises.${k}`); };
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  m.request = function () { touched(`${mod}.request`); };
  m.get = function () { touched(`${mod}.get`); };
}
globalThis.fetch = function () { touched('fetch'); };
if (process.env.TIP_LENS_NET_CONTROL) {
  // Control: prove the trap catches a real attempt (the error is swallowed, as careless code would).
  try { require('node:net').connect(9, '127.0.0.1'); } catch {}
  try { require('node:https').get('https://example.com/'); } catch {}
  Promise.resolve().then(() => globalThis.fetch('https://example.com/')).catch(() => {});
}
