// Drives the official twilio-node client (5.13.1) against flowchat-emulator and checks every
// status callback and inbound webhook with twilio-node's own validateRequest.
// Run: NODE_PATH=<build>/node/node_modules node twilio-client.js http://127.0.0.1:<port> [accountSid] [authToken]
// Prints one line "RESULT <json>" for TestTwilioNodeClient to assert on.
"use strict";

const http = require("http");
const twilio = require("twilio");
const RequestClient = require("twilio/lib/base/RequestClient");

// twilio-node has no base-URL option: rewrite scheme and host, keep path, query, auth and body (§13.4).
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

const base = process.argv[2];
const accountSid = process.argv[3] || "AC" + "a".repeat(32);
const authToken = process.argv[4] || "emu_auth_token_0123456789abcdef";
const from = "whatsapp:+14155238886";
const to = "whatsapp:+14155550100";
const client = twilio(accountSid, authToken, { httpClient: new EmulatorClient(base) });

// A local StatusCallback / inbound receiver that validates like an application would.
function startReceiver() {
  const received = [];
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (chunk) => (raw += chunk));
      req.on("end", () => {
        const params = Object.fromEntries(new URLSearchParams(raw));
        const url = `http://127.0.0.1:${server.address().port}${req.url}`;
        const signature = req.headers["x-twilio-signature"];
        received.push({
          path: req.url.split("?")[0],
          url,
          contentType: req.headers["content-type"],
          valid: twilio.validateRequest(authToken, signature, url, params),
          validWithoutQuery: twilio.validateRequest(authToken, signature, url.split("?")[0], params),
          forgedValid: twilio.validateRequest(authToken, signature, url, { ...params, MessageStatus: "forged" }),
          params,
        });
        res.writeHead(200, { "Content-Type": "text/xml" });
        res.end('<?xml version="1.0" encoding="UTF-8"?><Response/>');
      });
    });
    server.listen(0, "127.0.0.1", () => resolve({ server, received, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

async function waitFor(predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      return false;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

async function refused(promise) {
  try {
    await promise;
    return null;
  } catch (e) {
    return { status: e.status, code: e.code, moreInfo: e.moreInfo, message: e.message, details: e.details || null };
  }
}

(async () => {
  const out = {};
  const rx = await startReceiver();
  // A query in the StatusCallback becomes part of the signed URL.
  const statusCallback = `${rx.url}/status?tag=${encodeURIComponent("a b+c")}`;

  const text = await client.messages.create({ from, to, body: "Hi +1 & welcome", statusCallback });
  out.text = {
    sid: text.sid,
    status: text.status,
    body: text.body,
    to: text.to,
    from: text.from,
    direction: text.direction,
    numMedia: text.numMedia,
    numSegments: text.numSegments,
    dateCreatedIsDate: text.dateCreated instanceof Date && !isNaN(text.dateCreated),
    dateSent: text.dateSent,
    errorCode: text.errorCode,
    uri: text.uri,
    mediaUri: text.subresourceUris && text.subresourceUris.media,
  };

  const media = await client.messages.create({
    from, to, body: "Photo", mediaUrl: ["https://example.com/a.jpg", "https://example.com/b.png"], statusCallback,
  });
  out.media = { sid: media.sid, status: media.status, numMedia: media.numMedia };
  const mediaList = await client.messages(media.sid).media.list();
  out.mediaList = mediaList.map((m) => ({ contentType: m.contentType, parentSid: m.parentSid, sidPrefix: m.sid.slice(0, 2) }));

  const tmpl = await client.messages.create({
    from, to, contentSid: "HX" + "b".repeat(32), contentVariables: JSON.stringify({ 1: "John", 2: "A-123" }), statusCallback,
  });
  out.template = { sid: tmpl.sid, status: tmpl.status, body: tmpl.body };

  const contents = await client.content.v1.contents.list({ pageSize: 2 });
  out.contents = contents.map((c) => c.friendlyName);
  out.contentDatesAreDates = contents.every((c) => c.dateCreated instanceof Date && !isNaN(c.dateCreated));
  const approvals = await client.content.v1.contentAndApprovals.list({ pageSize: 4 });
  out.approvals = approvals.map((c) => `${c.friendlyName}/${c.language}/${c.approvalRequests ? c.approvalRequests.status : "none"}`);
  const approval = await client.content.v1.contents("HX" + "d".repeat(32)).approvalFetch().fetch();
  out.approvalFetch = { name: approval.whatsapp.name, status: approval.whatsapp.status, category: approval.whatsapp.category };

  const fetched = await client.messages(text.sid).fetch();
  out.fetched = { sid: fetched.sid, body: fetched.body };
  const listed = await client.messages.list({ pageSize: 2, limit: 3 });
  out.listed = listed.map((m) => m.sid);

  out.errors = {
    invalidTo: await refused(client.messages.create({ from, to: "whatsapp:+15005550001", body: "x" })),
    badVariables: await refused(client.messages.create({ from, to, contentSid: "HX" + "b".repeat(32), contentVariables: "{not json" })),
    unknownContent: await refused(client.messages.create({ from, to, contentSid: "HX" + "0".repeat(32) })),
    noBody: await refused(client.messages.create({ from, to })),
    badCredentials: await refused(
      twilio(accountSid, "wrong_token", { httpClient: new EmulatorClient(base) }).messages.create({ from, to, body: "x" })),
    notFound: await refused(client.messages("SM" + "0".repeat(32)).fetch()),
  };

  // Three sends, each sent -> delivered -> read.
  out.callbacksComplete = await waitFor(() => rx.received.filter((c) => c.path === "/status").length >= 9, 10000);

  const inbound = await fetch(`${base}/_emulator/inbound`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      from: "+5511987654321", body: "Olá 👋 + ajuda & mais", name: "José", media_url: "https://example.com/x.png",
      webhook_url: `${rx.url}/inbound`,
    }),
  });
  out.inboundAdminStatus = inbound.status;
  out.inboundArrived = await waitFor(() => rx.received.some((c) => c.path === "/inbound"), 10000);
  const inboundHook = rx.received.find((c) => c.path === "/inbound");
  if (inboundHook) {
    // Media URLs need Basic auth and redirect to the bytes; fetch() follows the redirect.
    const basic = "Basic " + Buffer.from(`${accountSid}:${authToken}`).toString("base64");
    const bytes = await fetch(inboundHook.params.MediaUrl0, { headers: { Authorization: basic } });
    const body = Buffer.from(await bytes.arrayBuffer());
    out.inboundMedia = { status: bytes.status, redirected: bytes.redirected, contentType: bytes.headers.get("content-type"),
      png: body.subarray(1, 4).toString("latin1") === "PNG" };
    const unauthenticated = await fetch(inboundHook.params.MediaUrl0, { redirect: "manual" });
    out.inboundMediaWithoutAuth = unauthenticated.status;
  }

  out.callbacks = rx.received.map((c) => ({
    path: c.path,
    valid: c.valid,
    validWithoutQuery: c.validWithoutQuery,
    forgedValid: c.forgedValid,
    contentType: c.contentType,
    sid: c.params.MessageSid,
    status: c.params.MessageStatus || c.params.SmsStatus,
    eventType: c.params.EventType || null,
    channelToAddress: c.params.ChannelToAddress || null,
    body: c.params.Body === undefined ? null : c.params.Body,
    profileName: c.params.ProfileName || null,
    waId: c.params.WaId || null,
    numMedia: c.params.NumMedia || null,
    mediaContentType0: c.params.MediaContentType0 || null,
  }));

  // Done once the result is out, whatever the emulator does with its kept-alive connections to
  // our receiver (server.close() alone waits for them, and the test's wait ran out).
  rx.server.closeAllConnections();
  rx.server.close();
  process.stdout.write("RESULT " + JSON.stringify(out) + "\n", () => process.exit(0));
})().catch((e) => {
  console.error("FAILED", (e && e.stack) || e);
  process.exit(1);
});
