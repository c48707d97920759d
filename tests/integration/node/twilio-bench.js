// Sends COUNT WhatsApp messages through the official twilio-node client (5.13.1) to a Twilio-shaped
// endpoint (flowchat-emulator) keeping CONCURRENCY requests in flight, for OutboundBench to compare
// with FlowChat's own outbox on the same endpoint in the same run.
// Run: NODE_PATH=<build>/node/node_modules node twilio-bench.js <base-url> <account-sid> <auth-token> <count> <concurrency>
// Prints one line "RESULT <json>": {sent, failed, seconds, rate}.
"use strict";

const twilio = require("twilio");
const RequestClient = require("twilio/lib/base/RequestClient");

// twilio-node has no base-URL option: rewrite scheme and host, keep path, query, auth and body (wire reference §13.4).
class EmulatorClient extends RequestClient {
  constructor(base) {
    super();
    this.base = base;
  }
  request(opts) {
    const u = new URL(opts.uri);
    opts.uri = this.base + u.pathname + u.search;
    return super.request(opts);
  }
}

const [base, accountSid, authToken] = process.argv.slice(2, 5);
const count = Number(process.argv[5] || 3000);
const concurrency = Number(process.argv[6] || 64);
const client = twilio(accountSid, authToken, { httpClient: new EmulatorClient(base) });

let next = 0;
let sent = 0;
let failed = 0;
let firstError = null;

async function worker() {
  for (;;) {
    const i = next++;
    if (i >= count) {
      return;
    }
    try {
      await client.messages.create({
        from: "whatsapp:+14155238886",
        to: `whatsapp:+1415555${1000 + (i % 20)}`,
        body: `node bench ${i}`,
      });
      sent++;
    } catch (e) {
      failed++;
      firstError = firstError || String(e && (e.message || e));
    }
  }
}

(async () => {
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // Exits at once: kept-alive sockets to the endpoint would otherwise hold the process open.
  process.stdout.write("RESULT " + JSON.stringify({ sent, failed, seconds, rate: sent / seconds, firstError }) + "\n",
    () => process.exit(0));
})();
