// whatsapp-api-js 6.3.0 driven against flowchat-emulator (wire reference §13.5).
//
// Run with the emulator's base URL, or without it to learn it on stdin:
//   node meta-client.mjs [http://127.0.0.1:PORT]
// It first starts a webhook server on 127.0.0.1 (port WEBHOOK_PORT, default any) and prints
// "webhook-port <n>"; start the emulator with --webhook-url http://127.0.0.1:<n>/webhook. Without an
// argument it then reads the base URL as one line on stdin. It ends by printing "result <json>".
//
// Modules come from FLOWCHAT_NODE_DIR (default: the working directory), where `npm ci` ran: ESM
// ignores NODE_PATH, so the packages are resolved there and imported by absolute URL.
import http from "node:http";
import path from "node:path";
import readline from "node:readline";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const nodeDir = process.env.FLOWCHAT_NODE_DIR || process.cwd();
const requireFromNodeDir = createRequire(path.join(nodeDir, "package.json"));
const load = (name) => import(pathToFileURL(requireFromNodeDir.resolve(name)).href);
const { WhatsAppAPI } = await load("whatsapp-api-js");
const { Text, Template, Language, BodyComponent, BodyParameter } = await load("whatsapp-api-js/messages");

const TOKEN = process.env.META_TOKEN || "EAAemulatortoken";
const APP_SECRET = process.env.META_APP_SECRET || "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const PHONE_ID = process.env.META_PHONE_ID || "106540352242922";
const CUSTOMER = "16505551234";
const WAIT_MS = 10000;

const received = { statuses: [], messages: [], verified: 0, refused: 0, raw: [] };

function client(base, token) {
  return new WhatsAppAPI({
    token,
    appSecret: APP_SECRET,
    v: "v23.0",
    // whatsapp-api-js has no base-URL option: rewrite the host of every call it makes.
    ponyfill: { fetch: (url, init) => fetch(String(url).replace("https://graph.facebook.com", base), init) },
  });
}

// A webhook receiver that hands every POST to the library exactly as FlowChat's docs say to.
function startWebhookServer(getWhatsapp) {
  const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", async () => {
      const signature = req.headers["x-hub-signature-256"];
      received.raw.push({ raw, signature });
      try {
        await getWhatsapp().post(JSON.parse(raw), raw, signature);
        received.verified += 1;
        res.writeHead(200).end();
      } catch (error) {
        received.refused += 1;
        console.error("webhook refused:", error?.constructor?.name, error?.message);
        res.writeHead(error?.httpStatus || 500).end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(Number(process.env.WEBHOOK_PORT || 0), "127.0.0.1", () => resolve(server)));
}

async function waitFor(predicate, what) {
  const deadline = Date.now() + WAIT_MS;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for " + what);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function readBase() {
  if (process.argv[2]) return process.argv[2];
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line.trim();
  }
  throw new Error("no base URL on stdin");
}

let Whatsapp;
const server = await startWebhookServer(() => Whatsapp);
console.log("webhook-port " + server.address().port);
const base = (await readBase()).replace(/\/$/, "");
Whatsapp = client(base, TOKEN);
Whatsapp.on.status = ({ id, status, phone, biz_opaque_callback_data, error }) => {
  received.statuses.push({ id, status, phone, callback: biz_opaque_callback_data, error: error?.code });
};
Whatsapp.on.message = ({ from, name, message }) => {
  received.messages.push({ from, name, id: message.id, type: message.type, text: message.text?.body });
};

const result = {};
try {
  // Text, with a callback marker echoed in every status.
  const text = await Whatsapp.sendMessage(PHONE_ID, { phone: CUSTOMER }, new Text("Olá 👋 https://x.co/a"), undefined, "fc-node-1");
  result.text = {
    product: text.messaging_product,
    input: text.contacts?.[0]?.input,
    wa_id: text.contacts?.[0]?.wa_id,
    wamid: text.messages?.[0]?.id?.startsWith("wamid."),
  };

  // Template with positional body parameters, built by the library.
  const template = await Whatsapp.sendMessage(PHONE_ID, { phone: CUSTOMER },
    new Template("order_update", new Language("en_US"), new BodyComponent(new BodyParameter("John"), new BodyParameter("A-123"))));
  result.template = { wamid: template.messages?.[0]?.id?.startsWith("wamid.") };

  // Error envelopes come back as parsed JSON, without a throw.
  const invalid = await Whatsapp.sendMessage(PHONE_ID, { phone: "15005550001" }, new Text("x"));
  const unknownTemplate = await Whatsapp.sendMessage(PHONE_ID, { phone: CUSTOMER }, new Template("no_such_template", "en_US"));
  const badToken = await client(base, "EAAwrongtoken").sendMessage(PHONE_ID, { phone: CUSTOMER }, new Text("x"));
  result.errors = {
    invalidRecipient: invalid.error?.code,
    invalidRecipientDetails: invalid.error?.error_data?.details,
    unknownTemplate: unknownTemplate.error?.code,
    badToken: badToken.error?.code,
    badTokenType: badToken.error?.type,
  };

  // Media: upload, look up, download with the bearer token, delete.
  const bytes = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
  const form = new FormData();
  form.append("file", new Blob([bytes], { type: "image/png" }), "dot.png");
  const uploaded = await Whatsapp.uploadMedia(PHONE_ID, form);
  const info = await Whatsapp.retrieveMedia(uploaded.id);
  const download = await Whatsapp.fetchMedia(info.url);
  const downloaded = Buffer.from(await download.arrayBuffer());
  const deleted = await Whatsapp.deleteMedia(uploaded.id);
  const afterDelete = await Whatsapp.retrieveMedia(uploaded.id);
  result.media = {
    idDigits: /^\d{15,16}$/.test(uploaded.id ?? ""),
    mime: info.mime_type,
    size: String(info.file_size),
    status: download.status,
    contentType: download.headers.get("content-type"),
    same: downloaded.equals(bytes),
    deleted: deleted.success,
    afterDelete: afterDelete.error?.code,
  };

  // Status webhooks, signed by the emulator and checked by the library's own verifier.
  const textId = text.messages[0].id;
  const templateId = template.messages[0].id;
  const statusesOf = (id) => received.statuses.filter((s) => s.id === id).map((s) => s.status);
  await waitFor(() => statusesOf(textId).length >= 3 && statusesOf(templateId).length >= 3, "status webhooks");
  result.statuses = {
    text: statusesOf(textId),
    template: statusesOf(templateId),
    callback: received.statuses.find((s) => s.id === textId)?.callback,
    phone: received.statuses.find((s) => s.id === textId)?.phone,
  };

  // An inbound message with non-ASCII text and a URL, escaped the way Meta escapes it.
  const inbound = await fetch(base + "/_emulator/inbound", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ from: "+5511987654321", body: "Olá 👋 veja https://x.co/a", name: "José" }),
  });
  const inboundId = (await inbound.json()).id;
  await waitFor(() => received.messages.some((m) => m.id === inboundId), "inbound webhook");
  const message = received.messages.find((m) => m.id === inboundId);
  const inboundRaw = received.raw.find((r) => r.raw.includes(inboundId)).raw;
  result.inbound = {
    from: message.from,
    name: message.name,
    type: message.type,
    text: message.text,
    ascii: /^[\x00-\x7f]*$/.test(inboundRaw),
    escapedSlash: inboundRaw.includes("https:\\/\\/x.co\\/a"),
  };

  // The same bytes are accepted again; one changed character is not.
  const sample = received.raw.find((r) => r.raw.includes('"status":"delivered"'));
  const replayed = await Whatsapp.post(JSON.parse(sample.raw), sample.raw, sample.signature).then(() => true, () => false);
  const tampered = sample.raw.replace('"status":"delivered"', '"status":"read"');
  const tamperedError = await Whatsapp.post(JSON.parse(tampered), tampered, sample.signature).then(() => "accepted", (e) => e.constructor.name);
  result.signatures = { verified: received.verified, refused: received.refused, replayed, tampered: tamperedError };
} catch (error) {
  result.exception = String(error?.stack || error);
}

// Done once the result is out, whatever the emulator does with its kept-alive connections.
server.closeAllConnections();
server.close();
process.stdout.write("result " + JSON.stringify(result) + "\n", () => process.exit(result.exception ? 1 : 0));
