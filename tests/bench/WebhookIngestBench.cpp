// Webhook ingest and the API send path of `flowchat --headless`, under wrk (one thread, 64
// keep-alive connections), each beside the same run's baselines: a bare QHttpServer route that
// answers 200 and does nothing, and the raw SQLite insert rate. Not part of the test suite.
//
//   build/bin/WebhookIngestBench [seconds-per-run] [--profile] [--million]
//
// The realistic workload comes first: signed inbound texts from 5,000 contacts, mixed one to one
// with delivered and read statuses for messages FlowChat sent (seeded into the store first). The kinder workload of
// earlier sessions (500 contacts, statuses for messages the store does not know) follows for comparison. Every 200/202
// is a durable acknowledgement: the answer is written after the store committed.
//   --profile   runs `perf record -g` on flowchat during the realistic run; the report's top
//               entries are printed (perf must be on PATH).
//   --million   then ingests 1,000,000 inbound messages and prints flowchat's resident size.
#include "tests/bench/BenchSupport.h"
#include "tests/bench/BenchWebhooks.h"
#include "tests/bench/WrkLoad.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>

#include <csignal>
#include <cstdio>

namespace
{

using BenchSupport::freePort;
using BenchSupport::result;
using BenchSupport::say;
using BenchSupport::settle;
using BenchSupport::startAndWait;

using namespace BenchWebhooks;

const QByteArray kApiToken = "bench-api-token-0123456789";
constexpr int kConnections = 64;
// Kinder: few contacts, statuses for messages the store does not know (parked, not applied).
constexpr int kKindDistinct = 40000;
constexpr int kKindContacts = 500;

QByteArray kindBody(int i, qint64 now)
{
    if (i % 2 == 0) {
        return metaInbound("wamid.kind.in." + QByteArray::number(i), (i / 2) % kKindContacts, now);
    }
    return metaStatus("wamid.kind.out." + QByteArray::number(i), "delivered", i % kKindContacts, now);
}

bool writeSends(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    for (int i = 0; i < kRealisticInbound; ++i) {
        const QByteArray body = "{\"to\":\"+" + QByteArray::number(kFirstNumber + i % kRealisticContacts)
                                + "\",\"body\":\"Bench reply " + QByteArray::number(i) + "\"}";
        file.write(
            WrkLoad::requestLine({"Content-Type: application/json", "Authorization: Bearer " + kApiToken}, body));
    }
    return true;
}

WrkResult runWrk(const QString& url, const QString& requests, int seconds)
{
    WrkOptions options;
    options.url = url;
    options.requestsFile = requests;
    options.connections = kConnections;
    options.seconds = seconds;
    return WrkLoad().run(options);
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
        const QByteArray body = metaInbound("wamid.raw", 1, 0);
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

// Resident size of a process, in MB, from /proc.
double residentMb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QRegularExpression rss(QStringLiteral("VmRSS:\\s+(\\d+) kB"));
    return rss.match(QString::fromLatin1(status.readAll())).captured(1).toDouble() / 1024.0;
}

// A running `flowchat --headless` on its own configuration.
class Headless
{
public:
    Headless(const QTemporaryDir& dir, const QString& name, const QString& database)
    {
        const QByteArray env =
            "WHATSAPP_PROVIDER=direct\nWHATSAPP_API_URL=http://127.0.0.1:" + QByteArray::number(freePort())
            + "/v23.0\nWHATSAPP_API_TOKEN=bench\nWHATSAPP_PHONE_NUMBER_ID=106540352242922\nWHATSAPP_APP_SECRET="
            + kAppSecret + "\nFLOWCHAT_LISTEN=127.0.0.1:" + QByteArray::number(freePort())
            + "\nFLOWCHAT_API_TOKEN=" + kApiToken + "\nFLOWCHAT_DATABASE=" + database.toUtf8()
            + "\nFLOWCHAT_MEDIA_CACHE=" + dir.filePath(QStringLiteral("media")).toUtf8()
            + "\nFLOWCHAT_SEND_RATE=0.01\nFLOWCHAT_LOG_LEVEL=warning\n";
        QFile envFile(dir.filePath(name + QStringLiteral(".env")));
        if (!envFile.open(QIODevice::WriteOnly) || envFile.write(env) < 0) {
            return;
        }
        envFile.close();
        envFile.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        m_url = startAndWait(m_process,
                             QCoreApplication::applicationDirPath() + QStringLiteral("/flowchat"),
                             {QStringLiteral("--headless"), QStringLiteral("--env-file"), envFile.fileName()},
                             QRegularExpression(QStringLiteral("listening on (\\S+)\\n(?:.*\\n)*flowchat: ready")));
    }
    ~Headless()
    {
        stop();
    }

    bool isUp() const
    {
        return !m_url.isEmpty();
    }
    QString url(const char* path) const
    {
        return m_url + QLatin1String(path);
    }
    qint64 pid() const
    {
        return m_process.processId();
    }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
            m_process.waitForFinished(30000);
        }
    }

private:
    QProcess m_process;
    QString m_url;
};

// perf record -g on a process while `work` runs, then the report's top entries (self time, by
// thread and symbol).
QString profiled(qint64 pid, const QString& dataFile, const std::function<void()>& work)
{
    QProcess perf;
    perf.setProcessChannelMode(QProcess::MergedChannels);
    perf.start(QStringLiteral("perf"),
               {QStringLiteral("record"),
                QStringLiteral("-F"),
                QStringLiteral("999"),
                QStringLiteral("-g"),
                QStringLiteral("-p"),
                QString::number(pid),
                QStringLiteral("-o"),
                dataFile});
    if (!perf.waitForStarted(5000)) {
        work();
        return QStringLiteral("perf could not start");
    }
    work();
    ::kill(static_cast<pid_t>(perf.processId()), SIGINT);
    perf.waitForFinished(60000);
    QProcess report;
    report.start(QStringLiteral("perf"),
                 {QStringLiteral("report"),
                  QStringLiteral("-i"),
                  dataFile,
                  QStringLiteral("--no-children"),
                  QStringLiteral("--sort"),
                  QStringLiteral("comm,dso,sym"),
                  QStringLiteral("-g"),
                  QStringLiteral("none"),
                  QStringLiteral("--stdio")});
    report.waitForFinished(120000);
    QProcess threads;
    threads.start(QStringLiteral("perf"),
                  {QStringLiteral("report"),
                   QStringLiteral("-i"),
                   dataFile,
                   QStringLiteral("--no-children"),
                   QStringLiteral("--sort"),
                   QStringLiteral("comm"),
                   QStringLiteral("-g"),
                   QStringLiteral("none"),
                   QStringLiteral("--stdio")});
    threads.waitForFinished(120000);
    const auto firstLines = [](const QByteArray& output, int count) {
        QStringList lines;
        for (const QString& line : QString::fromUtf8(output).split(QLatin1Char('\n'))) {
            if (!line.startsWith(QLatin1Char('#')) && !line.trimmed().isEmpty() && lines.size() < count) {
                lines << line;
            }
        }
        return lines.join(QLatin1Char('\n'));
    };
    return QStringLiteral("by thread:\n%1\ntop symbols:\n%2\n(data kept in %3 for perf report)")
        .arg(firstLines(threads.readAllStandardOutput(), 8), firstLines(report.readAllStandardOutput(), 30), dataFile);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (app.arguments().contains(QStringLiteral("--bare"))) {
        return runBare();
    }
    const QStringList args = app.arguments();
    const bool profile = args.contains(QStringLiteral("--profile"));
    const bool million = args.contains(QStringLiteral("--million"));
    const int seconds =
        args.size() > 1 && !args.at(1).startsWith(QLatin1String("--")) ? std::max(1, args.at(1).toInt()) : 10;
    if (!WrkLoad::isAvailable()) {
        say(QStringLiteral("wrk is not on PATH (apt install wrk)"));
        return 2;
    }
    QTemporaryDir dir;
    const QString realistic = dir.filePath(QStringLiteral("realistic.txt"));
    const QString kind = dir.filePath(QStringLiteral("kind.txt"));
    const QString sends = dir.filePath(QStringLiteral("sends.txt"));
    const int realisticCount = 2 * kRealisticInbound;
    if (!writeWebhooks(realistic, realisticCount, &realisticBody) || !writeWebhooks(kind, kKindDistinct, &kindBody)
        || !writeSends(sends)) {
        say(QStringLiteral("cannot write the request files"));
        return 1;
    }
    say(QStringLiteral("wrk -t1 -c%1 -d%2s").arg(kConnections).arg(seconds));
    say(QStringLiteral("realistic: %1 signed Meta webhooks: inbound texts from %2 contacts, and delivered and read "
                       "statuses for %3 messages FlowChat sent")
            .arg(realisticCount)
            .arg(kRealisticContacts)
            .arg(kSeededSent));

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
    const WrkResult bareRun = runWrk(bareUrl + QStringLiteral("/api/whatsapp/webhook"), realistic, seconds);
    bare.kill();
    bare.waitForFinished();

    // 3. The realistic workload on a store that holds the messages the statuses are for.
    const QString database = dir.filePath(QStringLiteral("realistic.sqlite"));
    QElapsedTimer seeding;
    seeding.start();
    if (!seedSent(database)) {
        say(QStringLiteral("could not seed the store"));
        return 1;
    }
    say(QStringLiteral("seeded %1 sent messages in %2 s").arg(kSeededSent).arg(seeding.elapsed() / 1000.0, 0, 'f', 1));
    WrkResult ingest;
    WrkResult apiSend;
    double rss = -1;
    QString perfTop;
    {
        Headless flowchat(dir, QStringLiteral("realistic"), database);
        if (!flowchat.isUp()) {
            say(QStringLiteral("flowchat --headless did not start"));
            return 1;
        }
        const auto run = [&] {
            ingest = runWrk(flowchat.url("/api/whatsapp/webhook"), realistic, seconds);
        };
        if (profile) {
            perfTop = profiled(
                flowchat.pid(), QDir::current().absoluteFilePath(QStringLiteral("webhook-ingest.perf.data")), run);
        } else {
            run();
        }
        rss = residentMb(flowchat.pid());
        apiSend = runWrk(flowchat.url("/api/whatsapp/send"), sends, seconds);
    }
    const qint64 inbound = countRows(database, QStringLiteral("SELECT COUNT(*) FROM messages WHERE direction = 'in'"));
    const qint64 read = countRows(database, QStringLiteral("SELECT COUNT(*) FROM messages WHERE status = 'read'"));
    const qint64 delivered =
        countRows(database, QStringLiteral("SELECT COUNT(*) FROM messages WHERE status IN ('delivered', 'read')"));
    const qint64 logged = countRows(database, QStringLiteral("SELECT COUNT(*) FROM webhook_log"));
    const qint64 queued = countRows(
        database, QStringLiteral("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status = 'pending'"));

    // 4. The kinder workload of earlier sessions, on a fresh store.
    WrkResult kindRun;
    {
        Headless flowchat(dir, QStringLiteral("kind"), dir.filePath(QStringLiteral("kind.sqlite")));
        if (flowchat.isUp()) {
            kindRun = runWrk(flowchat.url("/api/whatsapp/webhook"), kind, seconds);
        }
    }

    // 5. Optionally: resident size after a million inbound messages.
    double millionRss = -1;
    qint64 millionStored = 0;
    double millionRate = 0;
    if (million) {
        const QString bigDatabase = dir.filePath(QStringLiteral("million.sqlite"));
        Headless flowchat(dir, QStringLiteral("million"), bigDatabase);
        constexpr int kChunk = 100000;
        constexpr qint64 kMillion = 1000000;
        // wrk runs for a duration, not a count: each chunk gets about the time it needs at the
        // realistic run's rate; a chunk that runs long sends some again (stored once, as
        // redeliveries are), one that runs short leaves the rest to the next chunk.
        const int chunkSeconds = int(kChunk / std::max(1000.0, ingest.requestsPerSecond)) + 1;
        qint64 ingestingMs = 0; // wrk's runs only, not writing the request files
        for (int chunk = 0; flowchat.isUp() && millionStored < kMillion && chunk < 30; ++chunk) {
            const QString file = dir.filePath(QStringLiteral("million.txt"));
            writeWebhooks(file, kChunk, [chunk](int i, qint64 now) {
                const int n = chunk * kChunk + i;
                return metaInbound("wamid.million." + QByteArray::number(n), n % 20000, now);
            });
            QElapsedTimer clock;
            clock.start();
            runWrk(flowchat.url("/api/whatsapp/webhook"), file, chunkSeconds);
            ingestingMs += clock.elapsed();
            millionStored = countRows(bigDatabase, QStringLiteral("SELECT COUNT(*) FROM messages"));
            say(QStringLiteral("  %1 messages stored, flowchat resident %2 MB")
                    .arg(millionStored)
                    .arg(residentMb(flowchat.pid()), 0, 'f', 0));
        }
        millionRate = millionStored * 1000.0 / std::max<qint64>(1, ingestingMs);
        millionRss = residentMb(flowchat.pid());
        flowchat.stop();
    }

    say(QString());
    say(row(QStringLiteral("bare QHttpServer route, 200, no work"), bareRun));
    say(row(QStringLiteral("flowchat ingest, realistic"), ingest));
    say(QStringLiteral(
            "  after the run: %1 inbound stored, %2 of %3 sent messages delivered, %4 read, %5 webhooks logged")
            .arg(inbound)
            .arg(delivered)
            .arg(kSeededSent)
            .arg(read)
            .arg(logged));
    say(row(QStringLiteral("flowchat ingest, kinder (500 contacts)"), kindRun));
    say(row(QStringLiteral("flowchat API send (validate+store, 202)"), apiSend));
    say(QStringLiteral("  outbound rows waiting after the run: %1").arg(queued));
    say(QStringLiteral("%1 %2 rows/s one commit per row, %3 rows/s in one transaction (WAL, synchronous=NORMAL)")
            .arg(QStringLiteral("raw SQLite insert").leftJustified(46))
            .arg(rates.perCommit, 9, 'f', 0)
            .arg(rates.batched, 0, 'f', 0));
    if (profile) {
        say(QStringLiteral("\nperf, flowchat during the realistic run (self time by thread, library, symbol):\n")
            + perfTop);
    }
    say(QString());
    result(QStringLiteral("ingest_realistic_rate"), ingest.requestsPerSecond, "req/s", 0);
    result(QStringLiteral("ingest_realistic_p99"), ingest.p99Ms, "ms");
    result(QStringLiteral("ingest_realistic_baseline_bare_route_rate"), bareRun.requestsPerSecond, "req/s", 0);
    result(QStringLiteral("ingest_realistic_baseline_bare_route_p99"), bareRun.p99Ms, "ms");
    result(QStringLiteral("ingest_realistic_ratio_to_bare"),
           bareRun.requestsPerSecond > 0 ? ingest.requestsPerSecond / bareRun.requestsPerSecond : 0,
           "x",
           2);
    result(QStringLiteral("ingest_realistic_resident_memory"), rss, "MB", 0);
    result(QStringLiteral("ingest_kind_rate"), kindRun.requestsPerSecond, "req/s", 0);
    result(QStringLiteral("ingest_kind_p99"), kindRun.p99Ms, "ms");
    result(QStringLiteral("api_send_rate"), apiSend.requestsPerSecond, "req/s", 0);
    result(QStringLiteral("api_send_p99"), apiSend.p99Ms, "ms");
    result(QStringLiteral("sqlite_insert_baseline_per_commit"), rates.perCommit, "rows/s", 0);
    result(QStringLiteral("sqlite_insert_baseline_one_transaction"), rates.batched, "rows/s", 0);
    if (million) {
        result(QStringLiteral("million_messages_stored"), millionStored, "messages", 0);
        result(QStringLiteral("million_ingest_rate"), millionRate, "req/s", 0);
        result(QStringLiteral("million_resident_memory"), millionRss, "MB", 0);
    }
    if (!bareRun.ok || !ingest.ok || !apiSend.ok || !kindRun.ok) {
        say(QStringLiteral("\nwrk output could not be read:\n") + bareRun.raw + ingest.raw + apiSend.raw + kindRun.raw);
        return 1;
    }
    return 0;
}
