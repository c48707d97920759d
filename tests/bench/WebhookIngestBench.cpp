// Webhook ingest and the API send path of `flowchat --headless`, under wrk (64 keep-alive
// connections), each beside the same run's baselines: a bare QHttpServer route that answers 200 and
// does nothing, and the raw SQLite insert rate. Not part of the test suite.
//
//   build/bin/WebhookIngestBench [seconds-per-run]   (default 10; needs wrk on PATH)
//
// Every 200/202 is a durable acknowledgement: the answer is written after the store committed.
#include "providers/meta/MetaSignature.h"
#include "tests/bench/BenchSupport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

#include <csignal>
#include <cstdio>

namespace
{

using BenchSupport::freePort;
using BenchSupport::say;

const QByteArray kAppSecret = "bench-app-secret-0123456789abcdef";
const QByteArray kApiToken = "bench-api-token-0123456789";
constexpr int kConnections = 64;
constexpr int kDistinctWebhooks = 40000;
constexpr int kContacts = 500;

// wrk reads one request per line: headers (separated by \x01) TAB body.
const char* kLua = R"lua(
local requests = {}
local counter = 0
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    local head, body = line:match("^([^\t]*)\t(.*)$")
    local headers = {}
    for h in head:gmatch("[^\1]+") do
      local name, value = h:match("^([^:]+):%s*(.*)$")
      headers[name] = value
    end
    requests[#requests + 1] = wrk.format("POST", nil, headers, body)
  end
  f:close()
  counter = (id or 0) * math.floor(#requests / 2)
end
function request()
  counter = counter % #requests + 1
  return requests[counter]
end
)lua";

QByteArray metaInbound(int i, qint64 now)
{
    // Inbound webhooks are the even ones: every contact gets some, which opens its 24-hour window.
    const QByteArray from = QByteArray::number(14155500000LL + (i / 2) % kContacts);
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{"
           "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_"
           "id\":"
           "\"106540352242922\"},\"contacts\":[{\"profile\":{\"name\":\"Jos\\u00e9\"},\"wa_id\":\""
           + from + "\"}],\"messages\":[{\"from\":\"" + from + "\",\"id\":\"wamid.bench.in." + QByteArray::number(i)
           + "\",\"timestamp\":\"" + QByteArray::number(now) + "\",\"text\":{\"body\":\"Ol\\u00e1, pedido "
           + QByteArray::number(i) + " https:\\/\\/x.co\\/a\"},\"type\":\"text\"}]},\"field\":\"messages\"}]}]}";
}

QByteArray metaStatus(int i, qint64 now)
{
    const QByteArray to = QByteArray::number(14155500000LL + i % kContacts);
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{"
           "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_"
           "id\":"
           "\"106540352242922\"},\"statuses\":[{\"id\":\"wamid.bench.out."
           + QByteArray::number(i) + "\",\"status\":\"delivered\",\"timestamp\":\"" + QByteArray::number(now)
           + "\",\"recipient_id\":\"" + to + "\"}]},\"field\":\"messages\"}]}]}";
}

bool writeWebhooks(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < kDistinctWebhooks; ++i) {
        const QByteArray body = i % 2 == 0 ? metaInbound(i, now) : metaStatus(i, now);
        file.write("Content-Type: application/json\x01X-Hub-Signature-256: " + MetaSignature::sign(kAppSecret, body)
                   + '\t' + body + '\n');
    }
    return true;
}

bool writeSends(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    for (int i = 0; i < kDistinctWebhooks; ++i) {
        const QByteArray body = "{\"to\":\"+" + QByteArray::number(14155500000LL + i % kContacts)
                                + "\",\"body\":\"Bench reply " + QByteArray::number(i) + "\"}";
        file.write("Content-Type: application/json\x01"
                   "Authorization: Bearer "
                   + kApiToken + '\t' + body + '\n');
    }
    return true;
}

struct WrkResult
{
    bool ok = false;
    double requestsPerSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    qint64 requests = 0;
    qint64 non2xx = 0;
    qint64 socketErrors = 0;
    QString raw;
};

double toMs(const QString& value, const QString& unit)
{
    const double v = value.toDouble();
    return unit == QLatin1String("us") ? v / 1000.0 : unit == QLatin1String("s") ? v * 1000.0 : v;
}

WrkResult runWrk(const QString& url, const QString& script, const QString& data, int seconds)
{
    QProcess wrk;
    wrk.start(QStringLiteral("wrk"),
              {QStringLiteral("-t2"),
               QStringLiteral("-c%1").arg(kConnections),
               QStringLiteral("-d%1s").arg(seconds),
               QStringLiteral("--latency"),
               QStringLiteral("--timeout"),
               QStringLiteral("10s"),
               QStringLiteral("-s"),
               script,
               url,
               QStringLiteral("--"),
               data});
    WrkResult result;
    if (!wrk.waitForFinished((seconds + 60) * 1000)) {
        return result;
    }
    result.raw = QString::fromUtf8(wrk.readAllStandardOutput() + wrk.readAllStandardError());
    const QRegularExpression rps(QStringLiteral("Requests/sec:\\s+([\\d.]+)"));
    const QRegularExpression p50(QStringLiteral("\\n\\s+50%\\s+([\\d.]+)(us|ms|s)"));
    const QRegularExpression p99(QStringLiteral("\\n\\s+99%\\s+([\\d.]+)(us|ms|s)"));
    const QRegularExpression total(QStringLiteral("(\\d+) requests in"));
    const QRegularExpression non2xx(QStringLiteral("Non-2xx or 3xx responses: (\\d+)"));
    const QRegularExpression errors(
        QStringLiteral("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)"));
    const auto m = rps.match(result.raw);
    const auto a = p50.match(result.raw);
    const auto b = p99.match(result.raw);
    result.ok = m.hasMatch() && a.hasMatch() && b.hasMatch();
    result.requestsPerSecond = m.captured(1).toDouble();
    result.p50Ms = toMs(a.captured(1), a.captured(2));
    result.p99Ms = toMs(b.captured(1), b.captured(2));
    result.requests = total.match(result.raw).captured(1).toLongLong();
    result.non2xx = non2xx.match(result.raw).captured(1).toLongLong();
    const auto e = errors.match(result.raw);
    for (int i = 1; i <= 4 && e.hasMatch(); ++i) {
        result.socketErrors += e.captured(i).toLongLong();
    }
    return result;
}

QString row(const QString& name, const WrkResult& r)
{
    return QStringLiteral("%1 %2 req/s   p50 %3 ms   p99 %4 ms   (%5 requests, %6 non-2xx, %7 socket errors)")
        .arg(name.leftJustified(46))
        .arg(r.requestsPerSecond, 9, 'f', 0)
        .arg(r.p50Ms, 6, 'f', 2)
        .arg(r.p99Ms, 6, 'f', 2)
        .arg(r.requests)
        .arg(r.non2xx)
        .arg(r.socketErrors);
}

// Raw inserts of webhook-log-sized rows through QSQLITE, WAL + synchronous=NORMAL like the store.
struct InsertRates
{
    double perCommit = 0; // one transaction per row
    double batched = 0; // all rows in one transaction
};

InsertRates sqliteInsertRate(const QString& path)
{
    InsertRates rates;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        if (!db.open()) {
            return rates;
        }
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        q.exec(QStringLiteral(
            "CREATE TABLE log (id INTEGER PRIMARY KEY, received_at INTEGER, provider TEXT, verdict TEXT, body TEXT, "
            "external_id TEXT)"));
        q.exec(QStringLiteral("CREATE UNIQUE INDEX log_external ON log(external_id)"));
        const QByteArray body = metaInbound(1, 0);
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO log (received_at, provider, verdict, body, external_id) VALUES (?, "
                                      "'meta', 'accepted', ?, ?)"));
        const auto run = [&](int rows, bool oneTransaction, int offset) {
            QElapsedTimer clock;
            clock.start();
            if (oneTransaction) {
                db.transaction();
            }
            for (int i = 0; i < rows; ++i) {
                if (!oneTransaction) {
                    db.transaction();
                }
                insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
                insert.addBindValue(body);
                insert.addBindValue(QStringLiteral("id-%1").arg(offset + i));
                insert.exec();
                if (!oneTransaction) {
                    db.commit();
                }
            }
            if (oneTransaction) {
                db.commit();
            }
            return rows * 1000.0 / std::max<qint64>(1, clock.elapsed());
        };
        rates.perCommit = run(20000, false, 0);
        rates.batched = run(100000, true, 1000000);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return rates;
}

qint64 countRows(const QString& path, const QString& sql)
{
    qint64 count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next()) {
                count = q.value(0).toLongLong();
            }
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("count"));
    return count;
}

// Starts `program` and waits for `ready` on its stdout; the first capture group, or empty.
QString
startAndWait(QProcess& process, const QString& program, const QStringList& arguments, const QRegularExpression& ready)
{
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setStandardErrorFile(QProcess::nullDevice());
    process.start(program, arguments);
    QByteArray output;
    while (process.waitForReadyRead(20000)) {
        output += process.readAllStandardOutput();
        const QRegularExpressionMatch match = ready.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            return match.captured(1);
        }
    }
    return QString();
}

int runBare()
{
    QHttpServer server;
    server.route(QStringLiteral("/api/whatsapp/webhook"), QHttpServerRequest::Method::Post, [] {
        return QHttpServerResponse(QHttpServerResponse::StatusCode::Ok);
    });
    auto* tcp = new QTcpServer(&server);
    if (!tcp->listen(QHostAddress::LocalHost, 0)) {
        return 1;
    }
    server.bind(tcp);
    say(QStringLiteral("listening on http://127.0.0.1:%1").arg(tcp->serverPort()));
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (app.arguments().contains(QStringLiteral("--bare"))) {
        return runBare();
    }
    const int seconds = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 10;
    if (QStandardPaths::findExecutable(QStringLiteral("wrk")).isEmpty()) {
        say(QStringLiteral("wrk is not on PATH (apt install wrk)"));
        return 2;
    }
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("requests.lua"));
    const QString webhooks = dir.filePath(QStringLiteral("webhooks.txt"));
    const QString sends = dir.filePath(QStringLiteral("sends.txt"));
    QFile lua(script);
    if (!lua.open(QIODevice::WriteOnly) || lua.write(kLua) < 0 || !writeWebhooks(webhooks) || !writeSends(sends)) {
        say(QStringLiteral("cannot write the request files"));
        return 1;
    }
    lua.close();
    const QString bin = QCoreApplication::applicationDirPath();
    say(QStringLiteral("wrk -t2 -c%1 -d%2s; %3 distinct signed Meta webhooks (half inbound, half statuses)")
            .arg(kConnections)
            .arg(seconds)
            .arg(kDistinctWebhooks));

    // 1. Baseline: the raw SQLite insert rate on this disk.
    const InsertRates rates = sqliteInsertRate(dir.filePath(QStringLiteral("raw.sqlite")));

    // 2. Baseline: a bare QHttpServer route that answers 200 and does nothing.
    QProcess bare;
    const QString bareUrl = startAndWait(bare,
                                         QCoreApplication::applicationFilePath(),
                                         {QStringLiteral("--bare")},
                                         QRegularExpression(QStringLiteral("listening on (\\S+)")));
    if (bareUrl.isEmpty()) {
        say(QStringLiteral("the bare server did not start"));
        return 1;
    }
    const WrkResult bareRun = runWrk(bareUrl + QStringLiteral("/api/whatsapp/webhook"), script, webhooks, seconds);
    bare.kill();
    bare.waitForFinished();

    // 3. flowchat --headless: webhook ingest, then the API send path on the same database (the
    //    inbound webhooks opened each contact's 24-hour window).
    const quint16 port = freePort();
    const QString database = dir.filePath(QStringLiteral("flowchat.sqlite"));
    const QByteArray env =
        "WHATSAPP_PROVIDER=direct\nWHATSAPP_API_URL=http://127.0.0.1:" + QByteArray::number(freePort())
        + "/v23.0\nWHATSAPP_API_TOKEN=bench\nWHATSAPP_PHONE_NUMBER_ID=106540352242922\nWHATSAPP_APP_SECRET="
        + kAppSecret + "\nFLOWCHAT_LISTEN=127.0.0.1:" + QByteArray::number(port) + "\nFLOWCHAT_API_TOKEN=" + kApiToken
        + "\nFLOWCHAT_DATABASE=" + database.toUtf8() + "\nFLOWCHAT_MEDIA_CACHE="
        + dir.filePath(QStringLiteral("media")).toUtf8() + "\nFLOWCHAT_SEND_RATE=0.01\nFLOWCHAT_LOG_LEVEL=warning\n";
    QFile envFile(dir.filePath(QStringLiteral("bench.env")));
    if (!envFile.open(QIODevice::WriteOnly) || envFile.write(env) < 0) {
        return 1;
    }
    envFile.close();
    envFile.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    QProcess flowchat;
    const QString url =
        startAndWait(flowchat,
                     bin + QStringLiteral("/flowchat"),
                     {QStringLiteral("--headless"), QStringLiteral("--env-file"), envFile.fileName()},
                     QRegularExpression(QStringLiteral("listening on (\\S+)\\n(?:.*\\n)*flowchat: ready")));
    if (url.isEmpty()) {
        say(QStringLiteral("flowchat --headless did not start"));
        return 1;
    }
    const WrkResult ingest = runWrk(url + QStringLiteral("/api/whatsapp/webhook"), script, webhooks, seconds);
    const WrkResult apiSend = runWrk(url + QStringLiteral("/api/whatsapp/send"), script, sends, seconds);
    ::kill(static_cast<pid_t>(flowchat.processId()), SIGTERM);
    flowchat.waitForFinished(30000);

    const qint64 logged = countRows(database, QStringLiteral("SELECT COUNT(*) FROM webhook_log"));
    const qint64 stored = countRows(database, QStringLiteral("SELECT COUNT(*) FROM messages WHERE direction = 'out'"));

    say(QString());
    say(row(QStringLiteral("bare QHttpServer route, 200, no work"), bareRun));
    say(row(QStringLiteral("flowchat webhook ingest (verify+parse+commit)"), ingest));
    say(QStringLiteral("  ingest / bare: %1 (goal: at least 0.33); webhook_log rows after the run: %2")
            .arg(bareRun.requestsPerSecond > 0 ? ingest.requestsPerSecond / bareRun.requestsPerSecond : 0, 0, 'f', 2)
            .arg(logged));
    say(row(QStringLiteral("flowchat API send (validate+store, 202)"), apiSend));
    say(QStringLiteral("  outbound rows stored after the run: %1").arg(stored));
    say(QStringLiteral("%1 %2 rows/s one commit per row, %3 rows/s in one transaction (WAL, synchronous=NORMAL)")
            .arg(QStringLiteral("raw SQLite insert").leftJustified(46))
            .arg(rates.perCommit, 9, 'f', 0)
            .arg(rates.batched, 0, 'f', 0));
    if (!bareRun.ok || !ingest.ok || !apiSend.ok) {
        say(QStringLiteral("\nwrk output could not be read:\n") + bareRun.raw + ingest.raw + apiSend.raw);
        return 1;
    }
    return 0;
}
