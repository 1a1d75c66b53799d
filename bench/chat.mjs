// Conversations under load (driven by bench/chat.sh): every shopper of the fixture keeps
// one request waiting for news (`chat_pulse`, answered when one of their threads
// changes), as an open page does. Measures
//   1. the server's CPU over IDLE_SECS with nobody connected (the baseline), then with
//      every shopper's request waiting;
//   2. message-to-delivery: sellers answer in random threads (one message every
//      GAP_MS); the time from sending to the shopper's waiting request answering with
//      the news, next to the time of the send request itself (the baseline).
// Usage: node bench/chat.mjs URL PID FIXTURE.json
import { readFileSync } from 'node:fs';

const [base, pid, fixtureFile] = process.argv.slice(2);
const fixture = JSON.parse(readFileSync(fixtureFile, 'utf8'));
const IDLE_SECS = Number(process.env.IDLE_SECS ?? 30);
const MESSAGES = Number(process.env.MESSAGES ?? 200);
const GAP_MS = Number(process.env.GAP_MS ?? 100);
const TICK = 100; // clock ticks per second (getconf CLK_TCK on Linux)

const cpuTicks = () => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function call(fn, cookie, form) {
  const r = await fetch(`${base}/api/${fn}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${fn}: ${r.status} ${text}`);
  return JSON.parse(text);
}
async function cpuOver(secs) {
  const t0 = cpuTicks();
  const w0 = performance.now();
  await sleep(secs * 1000);
  return ((cpuTicks() - t0) / TICK / ((performance.now() - w0) / 1000)) * 100;
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// 1. idle CPU: nobody connected, then every shopper waiting
const baseline = await cpuOver(IDLE_SECS);
let running = true;
const waiting = new Map(); // thread key -> resolve(at) for the message in flight
const buyerOf = new Map();
fixture.buyers.forEach((b, i) => b.threads.forEach((t) => buyerOf.set(t, i)));
const polls = fixture.buyers.map(async (b) => {
  let seen = (await call('chat_pulse', b.cookie, { seen: '' })).mark;
  while (running) {
    const p = await call('chat_pulse', b.cookie, { seen });
    const at = performance.now();
    if (p.mark !== seen) {
      for (const t of b.threads) waiting.get(t)?.(at);
      seen = p.mark;
    }
  }
});
await sleep(2000);
const connected = await cpuOver(IDLE_SECS);

// 2. message-to-delivery
const delivery = [];
const sendTimes = [];
const sellerOf = new Map();
fixture.sellers.forEach((s) => s.threads.forEach((t) => sellerOf.set(t, s)));
const threads = [...sellerOf.keys()];
for (let i = 0; i < MESSAGES; i++) {
  const thread = threads[Math.floor(Math.random() * threads.length)];
  if (waiting.has(thread)) continue;
  const delivered = new Promise((resolve) => waiting.set(thread, resolve));
  const t0 = performance.now();
  const sent = call('send_message', sellerOf.get(thread).cookie, { thread, body: `Answer ${i}` }).then(() =>
    sendTimes.push(performance.now() - t0),
  );
  delivered.then((at) => {
    delivery.push(at - t0);
    waiting.delete(thread);
  });
  await sent;
  await sleep(GAP_MS);
}
await sleep(3000);
running = false;
const lost = MESSAGES - delivery.length;
const fmt = (x) => x.toFixed(1);
console.log(`threads: ${threads.length}; shoppers waiting: ${fixture.buyers.length}`);
console.log(`server CPU, nobody connected (baseline): ${fmt(baseline)} % of a core`);
console.log(`server CPU, ${fixture.buyers.length} shoppers waiting: ${fmt(connected)} % of a core (target <= 5 %)`);
console.log(
  `message-to-delivery over ${delivery.length} messages: p50 ${fmt(pct(delivery, 50))} ms, p99 ${fmt(pct(delivery, 99))} ms (target p99 <= 1000 ms); undelivered: ${lost}`,
);
console.log(
  `the send request itself (baseline): p50 ${fmt(pct(sendTimes, 50))} ms, p99 ${fmt(pct(sendTimes, 99))} ms; delivery p99 / send p99 = ${(pct(delivery, 99) / pct(sendTimes, 99)).toFixed(2)}`,
);
process.exit(lost > 0 ? 1 : 0);
