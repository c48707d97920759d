// Team mode on PostgreSQL (architecture §10), in figures. Not part of the test suite.
//
//   cd build && pg_virtualenv bin/TeamBench [seconds-per-run]
//
// Needs a PostgreSQL server from libpq's environment (PG*; pg_virtualenv sets them) and wrk.
// 1. Durable signed webhook ingest of WebhookIngestBench's realistic workload (wrk -t1, 64
//    keep-alive connections in all): SQLite with one `flowchat --headless` (the baseline),
//    PostgreSQL with one, and PostgreSQL with two on one database, each under its own wrk with half
//    the connections and its own half of the requests (a load balancer's split), and the two again
//    with synchronous_commit=off (SQLite's WAL with synchronous=NORMAL does not wait for the disk
//    at each commit either). Afterwards every acknowledged webhook is looked for in the store.
// 2. Console to console: two consoles' service stacks (ServiceThread + ServiceClient, as
//    ConsoleSession builds them; the window left out) on one database in this process, each with
//    its own store and connections. One sends; the time is taken until the row is in the other's
//    ThreadModel, fed by its client's change signals as ConsolePage connects them. The row crosses
//    through PostgreSQL NOTIFY/LISTEN (StoreListener): the two stores share nothing in-process.
//    Quiet, then while both receivers ingest on the same database at 100 webhooks a second (a busy
//    team) and at half what the two took flat out in 1. Beside it, a bare NOTIFY's trip.
// 3. Standby takeover: two receivers and flowchat-emulator; the sender is killed (SIGKILL)
//    mid-drain; the time until the standby holds the outbox lock and until its first send, and
//    whether the emulator received every message exactly once.
#include "app/config/Config.h"
#include "app/headless/ServiceThread.h"
#include "app/service/ServiceClient.h"
#include "app/store/MessageStore.h"
#include "tests/bench/BenchSupport.h"
#include "tests/bench/BenchWebhooks.h"
#include "tests/bench/WrkLoad.h"
#include "tests/support/TestDatabase.h"
#include "ui/thread/ThreadModel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDriver>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <memory>
#include <optional>

namespace
{

using BenchSupport::freePort;
using BenchSupport::result;
using BenchSupport::say;
using BenchSupport::settle;
using namespace BenchWebhooks;

const QString kAccessToken = QStringLiteral("bench-access-token");
const QString kPhoneNumberId = QStringLiteral("106540352242922"); // the one the workload's webhooks name
const QString kWabaId = QStringLiteral("102290129340398");
const QByteArray kApiToken = "bench-api-token-0123456789";
constexpr int kConnections = 64;
constexpr int kLatencySends = 300;
// Not one of the workload's 5,000 contacts: its thread holds only the consoles' sends.
const QString kLatencyCustomer = QStringLiteral("+14155599999");
const QString kElected = QStringLiteral("now sends for the team");

QTemporaryDir* s_dir = nullptr;

// The machine's load average over the last minute: on shared cores, context for every figure.
QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().split(' ').value(0)) : QString();
}

// ---- processes --------------------------------------------------------------------------------

// The environment without the caller's FlowChat and provider settings.
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : environment.keys()) {
        if (name.startsWith(QLatin1String("FLOWCHAT_")) || name.startsWith(QLatin1String("WHATSAPP_"))
            || name.startsWith(QLatin1String("TWILIO_"))) {
            environment.remove(name);
        }
    }
    return environment;
}

// A child process whose stdout and stderr are collected while the event loop runs.
class Child
{
public:
    Child()
    {
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] {
            m_out += m_process.readAllStandardOutput();
        });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process, [this] {
            m_err += m_process.readAllStandardError();
        });
    }
    ~Child()
    {
        stop(SIGKILL);
    }

    // Starts `program`; the first group of `ready` once its stdout matches, empty when it never did.
    QString start(const QString& program, const QStringList& arguments, const QRegularExpression& ready)
    {
        m_process.setProcessEnvironment(cleanEnvironment());
        m_process.start(program, arguments);
        QString captured;
        settle(
            [&] {
                const QRegularExpressionMatch match = ready.match(QString::fromUtf8(m_out));
                captured = match.captured(1);
                return match.hasMatch() || m_process.state() == QProcess::NotRunning;
            },
            20000);
        return captured;
    }
    bool isRunning() const
    {
        return m_process.state() != QProcess::NotRunning;
    }
    QString err() const
    {
        return QString::fromUtf8(m_err);
    }
    void signal(int number)
    {
        if (const qint64 pid = m_process.processId(); pid > 0) {
            ::kill(static_cast<pid_t>(pid), number);
        }
    }
    // Signals the process and waits for its end.
    void stop(int number = SIGTERM)
    {
        if (isRunning()) {
            signal(number);
            settle([this] { return !isRunning(); }, 30000);
        }
    }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
};

// `flowchat --headless` on a database; `extra` is appended to its .env.
class Receiver
{
public:
    Receiver(const QString& database, const QString& providerUrl, const QByteArray& extra)
    {
        static int counter = 0;
        const QString name = QStringLiteral("receiver%1").arg(++counter);
        const QByteArray env =
            "WHATSAPP_PROVIDER=direct\nWHATSAPP_API_URL=" + providerUrl.toUtf8() + "/v23.0\nWHATSAPP_API_TOKEN="
            + kAccessToken.toUtf8() + "\nWHATSAPP_PHONE_NUMBER_ID=" + kPhoneNumberId.toUtf8()
            + "\nWHATSAPP_BUSINESS_ACCOUNT_ID=" + kWabaId.toUtf8() + "\nWHATSAPP_APP_SECRET=" + kAppSecret
            + "\nFLOWCHAT_LISTEN=127.0.0.1:" + QByteArray::number(freePort()) + "\nFLOWCHAT_API_TOKEN=" + kApiToken
            + "\nFLOWCHAT_DATABASE=" + database.toUtf8()
            + "\nFLOWCHAT_MEDIA_CACHE=" + s_dir->filePath(name + QStringLiteral("-media")).toUtf8() + "\n" + extra;
        QFile file(s_dir->filePath(name + QStringLiteral(".env")));
        if (!file.open(QIODevice::WriteOnly) || file.write(env) != env.size()) {
            return;
        }
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        m_url = m_child.start(QCoreApplication::applicationDirPath() + QStringLiteral("/flowchat"),
                              {QStringLiteral("--headless"), QStringLiteral("--env-file"), file.fileName()},
                              QRegularExpression(QStringLiteral("listening on (\\S+)\\n(?:.*\\n)*flowchat: ready")));
    }

    bool isUp() const
    {
        return !m_url.isEmpty();
    }
    QString url(const char* path) const
    {
        return m_url + QLatin1String(path);
    }
    bool isSender() const
    {
        return m_child.err().contains(kElected);
    }
    Child& process()
    {
        return m_child;
    }

private:
    Child m_child;
    QString m_url;
};

// Ingest receivers: the provider API on a closed port and the outbox all but idle, as
// WebhookIngestBench runs them.
const QByteArray kIngestEnv = "FLOWCHAT_SEND_RATE=0.01\nFLOWCHAT_LOG_LEVEL=warning\n";

QString closedPortUrl()
{
    return QStringLiteral("http://127.0.0.1:%1").arg(freePort());
}

// flowchat-emulator as Meta's Cloud API for this bench's number; its URL, empty when it did not start.
QString startEmulator(Child& emulator)
{
    return emulator.start(QCoreApplication::applicationDirPath() + QStringLiteral("/flowchat-emulator"),
                          {QStringLiteral("--provider"),
                           QStringLiteral("meta"),
                           QStringLiteral("--access-token"),
                           kAccessToken,
                           QStringLiteral("--phone-number-id"),
                           kPhoneNumberId,
                           QStringLiteral("--waba-id"),
                           kWabaId,
                           QStringLiteral("--app-secret"),
                           QString::fromLatin1(kAppSecret)},
                          QRegularExpression(QStringLiteral("listening on (http://\\S+)")));
}

// ---- HTTP and the database --------------------------------------------------------------------

struct Reply
{
    int status = 0;
    QByteArray body;
};

// One exchange, waited for on the event loop.
Reply exchange(QNetworkAccessManager& network, const QString& url, const QByteArray* postBody = nullptr)
{
    QNetworkRequest request{QUrl(url)};
    request.setRawHeader("Authorization", "Bearer " + kApiToken);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply* reply = postBody ? network.post(request, *postBody) : network.get(request);
    settle([reply] { return reply->isFinished(); }, 20000);
    Reply answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    reply->deleteLater();
    return answer;
}

// The bodies of the text messages the emulator accepted, in order.
QStringList emulatorBodies(QNetworkAccessManager& network, const QString& emulatorUrl)
{
    const Reply reply = exchange(network, emulatorUrl + QStringLiteral("/_emulator/messages"));
    QStringList bodies;
    const QJsonArray messages =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("messages")).toArray();
    for (const QJsonValue& message : messages) {
        bodies << message[QStringLiteral("request")][QStringLiteral("text")][QStringLiteral("body")].toString();
    }
    return bodies;
}

// Every row of `sql`'s first column, as text; empty with `error` set when it failed.
QStringList column(const TestDatabase& database, const QString& sql, QString* error = nullptr)
{
    const QString connection = QStringLiteral("teambench.probe");
    QStringList values;
    QString failure;
    {
        auto db = database.connect(connection);
        if (!db) {
            failure = db.error().message;
        } else if (QSqlQuery query(*db); !query.exec(sql)) {
            failure = query.lastError().text();
        } else {
            while (query.next()) {
                values << query.value(0).toString();
            }
        }
    }
    if (error) {
        *error = failure;
    }
    QSqlDatabase::removeDatabase(connection);
    return values;
}

qint64 count(const TestDatabase& database, const QString& sql)
{
    QString error;
    const QStringList values = column(database, sql, &error);
    if (!error.isEmpty()) {
        say(QStringLiteral("  query failed: %1: %2").arg(sql, error));
    }
    return values.isEmpty() ? -1 : values.first().toLongLong();
}

// Runs one statement on the server's maintenance database, as TestDatabase does; the error, or empty.
QString onServer(const QString& statement)
{
    const QString connection = QStringLiteral("teambench.server");
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open()) {
            error = db.lastError().text();
        } else if (QSqlQuery query(db); !query.exec(statement)) {
            error = statement + QStringLiteral(": ") + query.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

// The PostgreSQL database's own name ("postgresql:///name").
QString serverName(const TestDatabase& database)
{
    return database.name().section(QLatin1Char('/'), -1);
}

// ---- 1. ingest ----------------------------------------------------------------------------------

// The realistic workload split in two disjoint halves for two receivers: line i of half h is the
// whole file's line (i/2)*4 + h*2 + i%2, so each half still alternates inbound and status.
// `offset` starts further into the workload (new inbound messages for a second run on one store).
Bodies halfOf(int half, int offset = 0)
{
    return [half, offset](int i, qint64 now) {
        return realisticBody(offset + (i / 2) * 4 + half * 2 + i % 2, now);
    };
}

struct IngestRun
{
    QString name;
    WrkResult load; // the receivers' together: rates summed, the worst p50 and p99
    qint64 logged = 0; // accepted requests in the webhook log
    qint64 inbound = 0;
    qint64 delivered = 0; // seeded messages moved to delivered or read
    qint64 duplicateInbound = 0;
    bool verified = false;
};

WrkResult combined(const QList<WrkResult>& parts)
{
    WrkResult all;
    all.ok = !parts.isEmpty();
    for (const WrkResult& part : parts) {
        all.ok = all.ok && part.ok;
        all.requestsPerSecond += part.requestsPerSecond;
        all.p50Ms = std::max(all.p50Ms, part.p50Ms);
        all.p99Ms = std::max(all.p99Ms, part.p99Ms);
        all.requests += part.requests;
        all.non2xx += part.non2xx;
        all.socketErrors += part.socketErrors;
        all.raw += part.raw;
    }
    return all;
}

// Runs wrk against each receiver at once, each with its own requests file and its share of the
// connections, until all are done (or `stopWhen` says so, when given).
QList<WrkResult> loadAll(const QList<Receiver*>& receivers,
                         const QStringList& files,
                         int seconds,
                         int perSecond = 0,
                         const std::function<bool()>& stopWhen = {})
{
    std::vector<std::unique_ptr<WrkLoad>> loads;
    for (int i = 0; i < receivers.size(); ++i) {
        WrkOptions options;
        options.url = receivers.at(i)->url("/api/whatsapp/webhook");
        options.requestsFile = files.at(i);
        options.connections = kConnections / int(receivers.size());
        options.seconds = seconds;
        options.perSecond = perSecond;
        loads.push_back(std::make_unique<WrkLoad>());
        loads.back()->start(options);
    }
    const auto allFinished = [&] {
        return std::all_of(loads.cbegin(), loads.cend(), [](const auto& load) { return load->isFinished(); });
    };
    if (stopWhen) {
        settle([&] { return stopWhen() || allFinished(); }, (seconds + 60) * 1000);
        for (auto& load : loads) {
            load->stop();
        }
    }
    settle(allFinished, (seconds + 60) * 1000);
    QList<WrkResult> results;
    for (auto& load : loads) {
        results << load->result();
    }
    return results;
}

// One ingest run on a seeded `database` with `files.size()` receivers; they are stopped (their
// commits done) before the store is counted.
IngestRun ingest(const QString& name, const TestDatabase& database, const QStringList& files, int seconds)
{
    IngestRun run;
    run.name = name;
    std::vector<std::unique_ptr<Receiver>> receivers;
    QList<Receiver*> pointers;
    for (int i = 0; i < files.size(); ++i) {
        receivers.push_back(std::make_unique<Receiver>(database.name(), closedPortUrl(), kIngestEnv));
        if (!receivers.back()->isUp()) {
            say(QStringLiteral("%1: flowchat --headless did not start:\n%2")
                    .arg(name, receivers.back()->process().err()));
            return run;
        }
        pointers << receivers.back().get();
    }
    const QList<WrkResult> parts = loadAll(pointers, files, seconds);
    for (auto& receiver : receivers) {
        receiver->process().stop();
    }
    run.load = combined(parts);
    run.logged = count(database, QStringLiteral("SELECT COUNT(*) FROM webhook_log WHERE verdict = 'accepted'"));
    run.inbound = count(database, QStringLiteral("SELECT COUNT(*) FROM messages WHERE direction = 'in'"));
    run.delivered = count(database,
                          QStringLiteral("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status IN "
                                         "('delivered', 'read')"));
    run.duplicateInbound = count(database,
                                 QStringLiteral("SELECT COUNT(*) - COUNT(DISTINCT provider_message_id) FROM messages "
                                                "WHERE direction = 'in'"));
    // Each acknowledged request has its accepted log row (logged and applied in one transaction,
    // answered after the commit); at most the connections' last requests were committed but not
    // counted by wrk when it stopped.
    const qint64 acknowledged = run.load.answeredOk();
    run.verified = run.load.ok && acknowledged > 0 && run.logged >= acknowledged
                   && run.logged <= acknowledged + kConnections + run.load.socketErrors && run.duplicateInbound == 0;
    say(QStringLiteral("%1 %2 req/s   p50 %3 ms   p99 %4 ms   (%5 acknowledged, %6 non-2xx, %7 socket errors)")
            .arg(name.leftJustified(36))
            .arg(run.load.requestsPerSecond, 7, 'f', 0)
            .arg(run.load.p50Ms, 6, 'f', 2)
            .arg(run.load.p99Ms, 6, 'f', 2)
            .arg(acknowledged)
            .arg(run.load.non2xx)
            .arg(run.load.socketErrors));
    if (parts.size() > 1) {
        for (int i = 0; i < parts.size(); ++i) {
            say(QStringLiteral("    receiver %1: %2 req/s, p99 %3 ms, %4 acknowledged")
                    .arg(i + 1)
                    .arg(parts.at(i).requestsPerSecond, 0, 'f', 0)
                    .arg(parts.at(i).p99Ms, 0, 'f', 2)
                    .arg(parts.at(i).answeredOk()));
        }
    }
    say(QStringLiteral("    in the store: %1 accepted webhooks logged (acknowledged %2), %3 inbound messages (%4 "
                       "stored twice), %5 of %6 sent messages delivered or read: %7")
            .arg(run.logged)
            .arg(acknowledged)
            .arg(run.inbound)
            .arg(run.duplicateInbound)
            .arg(run.delivered)
            .arg(kSeededSent)
            .arg(run.verified ? QStringLiteral("every acknowledged webhook is stored")
                              : QStringLiteral("VERIFY FAILED")));
    return run;
}

// A database of `kind`, seeded with the messages the workload's statuses are for. On PostgreSQL,
// a copy of `seeded` when given (CREATE DATABASE … TEMPLATE): seeding through the store takes a
// minute there.
std::unique_ptr<TestDatabase> seededDatabase(TestDatabase::Kind kind, const TestDatabase* seeded = nullptr)
{
    auto database = std::make_unique<TestDatabase>(kind);
    QElapsedTimer clock;
    clock.start();
    if (seeded && database->isPostgres() && !database->name().isEmpty()) {
        QString copied = onServer(QStringLiteral("DROP DATABASE %1").arg(serverName(*database)));
        if (copied.isEmpty()) {
            copied = onServer(
                QStringLiteral("CREATE DATABASE %1 TEMPLATE %2").arg(serverName(*database), serverName(*seeded)));
        }
        if (copied.isEmpty()) {
            say(QStringLiteral("  copied the seeded PostgreSQL database in %1 s")
                    .arg(clock.elapsed() / 1000.0, 0, 'f', 1));
            return database;
        }
        say(QStringLiteral("  cannot copy the seeded database (%1); seeding this one too").arg(copied));
        onServer(QStringLiteral("CREATE DATABASE %1").arg(serverName(*database)));
    }
    if (database->name().isEmpty() || !seedSent(database->name())) {
        say(QStringLiteral("cannot seed a database: %1").arg(database->error()));
        return nullptr;
    }
    say(QStringLiteral("  seeded %1 sent messages on %2 in %3 s")
            .arg(kSeededSent)
            .arg(database->isPostgres() ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"))
            .arg(clock.elapsed() / 1000.0, 0, 'f', 1));
    return database;
}

// ---- 2. console to console ------------------------------------------------------------------------

// A console's service stack as ConsoleSession builds it, without the window: the service on a
// thread of its own, reached through a ServiceClient.
class Console
{
public:
    Console(const QString& database, const QString& providerUrl)
        : m_host(config(database, providerUrl))
    {
        QObject::connect(&m_host, &ServiceThread::started, &m_host, [this] {
            m_client = std::make_unique<ServiceClient>(m_host.service());
        });
        m_host.start();
        settle([this] { return m_client != nullptr; }, 20000);
    }
    ~Console()
    {
        if (!m_client) {
            return;
        }
        m_client->detach();
        bool stopped = false;
        m_host.stop(5000, [&stopped] { stopped = true; });
        settle([&stopped] { return stopped; }, 10000);
    }

    ServiceClient* client() const
    {
        return m_client.get();
    }

private:
    static Config config(const QString& database, const QString& providerUrl)
    {
        static int counter = 0;
        Config config;
        const Config::Origin origin{Config::Source::CommandLine, QString()};
        const QList<QPair<QString, QString>> values{
            {ConfigKey::Provider, QStringLiteral("direct")},
            {ConfigKey::WhatsAppApiUrl, providerUrl + QStringLiteral("/v23.0")},
            {ConfigKey::WhatsAppApiToken, kAccessToken},
            {ConfigKey::WhatsAppPhoneNumberId, kPhoneNumberId},
            {ConfigKey::WhatsAppBusinessAccountId, kWabaId},
            {ConfigKey::WhatsAppAppSecret, QString::fromLatin1(kAppSecret)},
            {ConfigKey::Listen, QStringLiteral("127.0.0.1:%1").arg(freePort())},
            {ConfigKey::ApiToken, QString::fromLatin1(kApiToken)},
            {ConfigKey::Database, database},
            {ConfigKey::SendRate, QStringLiteral("1000")},
            {ConfigKey::MediaCache, s_dir->filePath(QStringLiteral("console%1-media").arg(++counter))}};
        for (const auto& [key, value] : values) {
            config.set(key, value, origin);
        }
        return config;
    }

    ServiceThread m_host;
    std::unique_ptr<ServiceClient> m_client;
};

struct Latency
{
    // From the send's request (its commit included) to the row in the other model, late ones included.
    QList<double> toModelMs;
    QList<double> commitMs; // from the send's request to its committed answer in the sending console
    int late = 0; // reached the other model only after 5 s (the next send did not wait longer)
    int lost = 0; // never reached it, even 10 s after the last send
    int failed = 0; // the send was refused

    static double percentile(QList<double> values, double p)
    {
        if (values.isEmpty()) {
            return -1;
        }
        std::sort(values.begin(), values.end());
        return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size()))));
    }
};

// Sends `count` messages from `from`, one at a time, each timed until `to` shows it.
Latency measureConsoleToConsole(Console& from, ThreadModel& to, const QString& tag, int count)
{
    Latency latency;
    QObject context;
    QElapsedTimer clock;
    clock.start();
    QHash<QString, qint64> requestedNs;
    QHash<QString, qint64> shownNs;
    QHash<QString, bool> accepted; // answered: whether the send was taken
    QObject::connect(&to, &QAbstractItemModel::rowsInserted, &context, [&](const QModelIndex&, int first, int last) {
        for (int row = first; row <= last; ++row) {
            const QString body = to.index(row).data(ThreadModel::BodyRole).toString();
            if (requestedNs.contains(body) && !shownNs.contains(body)) {
                shownNs.insert(body, clock.nsecsElapsed());
            }
        }
    });
    for (int i = 0; i < count; ++i) {
        const QString body = QStringLiteral("%1 %2").arg(tag).arg(i);
        SendRequest request;
        request.to = kLatencyCustomer;
        request.body = body;
        const qint64 start = clock.nsecsElapsed();
        requestedNs.insert(body, start);
        // Captures only what outlives the loop: a late answer lands after its iteration.
        from.client()->send(request, &context, [&, body, start](Result<SendReceipt> receipt) {
            accepted.insert(body, receipt.has_value());
            latency.commitMs << (clock.nsecsElapsed() - start) / 1e6;
        });
        // The next send waits for this one's row, at most 5 s: a slower row still counts when it comes.
        settle([&] { return accepted.contains(body) && (!accepted.value(body) || shownNs.contains(body)); }, 5000);
    }
    const auto refused = [&](const QString& body) {
        return accepted.contains(body) && !accepted.value(body);
    };
    // Whether the ones given up on arrive at all (a slow listener) or never (a row dropped).
    settle(
        [&] {
            return std::all_of(requestedNs.keyBegin(), requestedNs.keyEnd(), [&](const QString& body) {
                return refused(body) || shownNs.contains(body);
            });
        },
        10000);
    for (auto sent = requestedNs.cbegin(); sent != requestedNs.cend(); ++sent) {
        if (refused(sent.key())) {
            ++latency.failed;
        } else if (!shownNs.contains(sent.key())) {
            ++latency.lost;
        } else {
            latency.toModelMs << (shownNs.value(sent.key()) - sent.value()) / 1e6;
            latency.late += latency.toModelMs.last() > 5000 ? 1 : 0;
        }
    }
    return latency;
}

// The bare mechanism's trip: NOTIFY committed on one connection to its arrival at a LISTENing
// one, both QPSQL, as StoreListener is. The floor for the console-to-console figure.
QList<double> bareNotifyMs(const TestDatabase& database, int count)
{
    QList<double> trips;
    {
        auto talker = database.connect(QStringLiteral("teambench.notify"));
        auto listener = database.connect(QStringLiteral("teambench.listen"));
        const bool listening =
            talker && listener && listener->driver()->subscribeToNotification(QStringLiteral("teambench"));
        QObject context;
        int arrived = 0;
        QObject::connect(listener->driver(), &QSqlDriver::notification, &context, [&arrived] { ++arrived; });
        QSqlQuery notify(*talker);
        QElapsedTimer clock;
        for (int i = 0; listening && i < count; ++i) {
            const int before = arrived;
            clock.start();
            notify.exec(QStringLiteral("NOTIFY teambench, 'x'"));
            if (settle([&] { return arrived > before; }, 5000)) {
                trips << clock.nsecsElapsed() / 1e6;
            }
        }
        if (listening) {
            listener->driver()->unsubscribeFromNotification(QStringLiteral("teambench"));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("teambench.notify"));
    QSqlDatabase::removeDatabase(QStringLiteral("teambench.listen"));
    return trips;
}

void printLatency(const QString& name, const Latency& latency)
{
    // The send's own commit beside it: a slow tail there is the writer's, not NOTIFY's.
    say(QStringLiteral("%1 p50 %2 ms   p95 %3 ms   max %4 ms   (send committed: p50 %5 ms, p95 %6 ms, max %7 ms; "
                       "%8 shown, %9 of them after 5 s, %10 never, %11 refused)")
            .arg(name.leftJustified(36))
            .arg(Latency::percentile(latency.toModelMs, 0.5), 0, 'f', 1)
            .arg(Latency::percentile(latency.toModelMs, 0.95), 0, 'f', 1)
            .arg(Latency::percentile(latency.toModelMs, 1.0), 0, 'f', 1)
            .arg(Latency::percentile(latency.commitMs, 0.5), 0, 'f', 1)
            .arg(Latency::percentile(latency.commitMs, 0.95), 0, 'f', 1)
            .arg(Latency::percentile(latency.commitMs, 1.0), 0, 'f', 1)
            .arg(latency.toModelMs.size())
            .arg(latency.late)
            .arg(latency.lost)
            .arg(latency.failed));
}

// The customer the consoles answer wrote a minute ago: its 24-hour window is open.
bool customerWrote(const QString& database)
{
    return withStore(database, [](MessageStore& store, QObject* context) {
        InboundMessage message;
        message.provider = QStringLiteral("meta");
        message.providerMessageId = QStringLiteral("wamid.bench.latency.customer");
        message.from = kLatencyCustomer;
        message.profileName = QStringLiteral("Ana");
        message.timestamp = QDateTime::currentDateTimeUtc().addSecs(-60);
        message.text = QStringLiteral("Where is my order?");
        std::optional<bool> stored;
        store.insertInbound(message, context, [&](Result<InsertedMessage> r) { stored = r.has_value(); });
        return settle([&] { return stored.has_value(); }) && *stored;
    });
}

struct ConsoleFigures
{
    QList<double> bareNotifyMs;
    Latency quiet;
    // Under ingest by both receivers on the same database: a busy team's rate, then half of what
    // the two managed flat out.
    QList<int> loadRates;
    QList<Latency> loaded;
    QList<WrkResult> load;
};

ConsoleFigures consoleToConsole(const TestDatabase& database, const QList<int>& loadRates, const QStringList& loadFiles)
{
    ConsoleFigures figures;
    figures.loadRates = loadRates;
    figures.bareNotifyMs = bareNotifyMs(database, kLatencySends);
    say(QStringLiteral("%1 p50 %2 ms   p95 %3 ms")
            .arg(QStringLiteral("bare NOTIFY to LISTEN (baseline)").leftJustified(36))
            .arg(Latency::percentile(figures.bareNotifyMs, 0.5), 0, 'f', 2)
            .arg(Latency::percentile(figures.bareNotifyMs, 0.95), 0, 'f', 2));
    Child provider; // where the team's sender (whichever process holds the lock) sends
    const QString providerUrl = startEmulator(provider);
    if (providerUrl.isEmpty() || !customerWrote(database.name())) {
        say(QStringLiteral("the emulator did not start, or the customer could not be stored"));
        return figures;
    }
    Console sending(database.name(), providerUrl);
    Console watching(database.name(), providerUrl);
    if (!sending.client() || !watching.client()) {
        say(QStringLiteral("the consoles' services did not start"));
        return figures;
    }
    QObject context;
    std::optional<qint64> conversation;
    sending.client()->openConversation(kLatencyCustomer, &context, [&](Result<ConversationSummary> opened) {
        conversation = opened ? opened->id : 0;
    });
    settle([&] { return conversation.has_value(); }, 10000);
    ThreadModel thread(watching.client()->reader());
    // As ConsolePage connects it.
    QObject::connect(watching.client(), &ServiceClient::messageChanged, &thread, &ThreadModel::messageChanged);
    thread.setConversation(conversation.value_or(0));
    settle([&] { return !thread.isLoading(); }, 10000);
    // The watching store listens once something connects to its changes: wait until a send shows.
    const int before = thread.rowCount();
    for (int i = 0; i < 10 && thread.rowCount() == before; ++i) {
        measureConsoleToConsole(sending, thread, QStringLiteral("warm-up %1").arg(i), 1);
    }

    figures.quiet = measureConsoleToConsole(sending, thread, QStringLiteral("quiet"), kLatencySends);
    printLatency(QStringLiteral("quiet"), figures.quiet);

    Receiver first(database.name(), closedPortUrl(), kIngestEnv);
    Receiver second(database.name(), closedPortUrl(), kIngestEnv);
    if (!first.isUp() || !second.isUp()) {
        say(QStringLiteral("the receivers for the loaded runs did not start"));
        return figures;
    }
    for (int i = 0; i < loadRates.size(); ++i) {
        bool done = false;
        Latency latency;
        // The sends start once the load has run a second.
        QTimer::singleShot(1000, &context, [&] {
            latency = measureConsoleToConsole(sending, thread, QStringLiteral("loaded %1").arg(i), kLatencySends);
            done = true;
        });
        const WrkResult load = combined(
            loadAll({&first, &second}, loadFiles.mid(2 * i, 2), 300, loadRates.at(i) / 2, [&] { return done; }));
        printLatency(QStringLiteral("while ingesting %1/s").arg(loadRates.at(i)), latency);
        say(QStringLiteral("    the ingest meanwhile: %1 req/s, p99 %2 ms, %3 non-2xx")
                .arg(load.requestsPerSecond, 0, 'f', 0)
                .arg(load.p99Ms, 0, 'f', 2)
                .arg(load.non2xx));
        figures.loaded << latency;
        figures.load << load;
    }
    first.process().stop();
    second.process().stop();
    return figures;
}

// ---- 3. takeover --------------------------------------------------------------------------------

struct Takeover
{
    double lockMs = -1; // SIGKILL to the standby's "now sends for the team"
    double firstSendMs = -1; // SIGKILL to the emulator's first message from the standby
    int received = 0; // messages the emulator accepted
    int sentTwice = 0;
    int unknown = 0; // left `unknown`: the dead sender may have sent them (never resent on their own)
    int neverSent = 0; // neither unknown nor received: lost
    bool ok = false;
};

Takeover standbyTakeover(QNetworkAccessManager& network)
{
    constexpr int kMessages = 200;
    constexpr int kKillAfter = 40;
    Takeover takeover;
    TestDatabase database(TestDatabase::Kind::Postgres);
    // The schema first, so the receivers do not race to migrate it.
    if (!withStore(database.name(), [](MessageStore&, QObject*) { return true; })) {
        say(QStringLiteral("takeover: cannot create the schema"));
        return takeover;
    }
    Child emulator;
    const QString emulatorUrl = startEmulator(emulator);
    if (emulatorUrl.isEmpty()) {
        say(QStringLiteral("takeover: flowchat-emulator did not start: ") + emulator.err());
        return takeover;
    }
    // 40 a second, so the drain takes seconds and the kill lands in its middle; info logs say
    // which process sends.
    const QByteArray env = "FLOWCHAT_SEND_RATE=40\nFLOWCHAT_WINDOW_POLICY=warn\nFLOWCHAT_LOG_LEVEL=info\n";
    Receiver first(database.name(), emulatorUrl, env);
    Receiver second(database.name(), emulatorUrl, env);
    if (!first.isUp() || !second.isUp() || !settle([&] { return first.isSender() || second.isSender(); }, 10000)) {
        say(QStringLiteral("takeover: the receivers did not start, or neither became the sender"));
        return takeover;
    }
    Receiver& sender = first.isSender() ? first : second;
    Receiver& standby = first.isSender() ? second : first;

    // Through the standby's API: the sender finds them in the database.
    int accepted = 0;
    for (int i = 0; i < kMessages; ++i) {
        const QByteArray body = "{\"to\":\"+14155550100\",\"body\":\"takeover " + QByteArray::number(i) + "\"}";
        accepted += exchange(network, standby.url("/api/whatsapp/send"), &body).status == 202 ? 1 : 0;
    }
    if (accepted != kMessages
        || !settle([&] { return emulatorBodies(network, emulatorUrl).size() >= kKillAfter; }, 20000)) {
        say(QStringLiteral("takeover: %1 of %2 sends accepted; the sender did not send").arg(accepted).arg(kMessages));
        return takeover;
    }
    sender.process().signal(SIGKILL);
    QElapsedTimer sinceKill;
    sinceKill.start();
    settle([&] { return !sender.process().isRunning(); }, 10000);
    const qsizetype beforeTakeover = emulatorBodies(network, emulatorUrl).size();
    if (settle([&] { return standby.isSender(); }, 15000)) {
        takeover.lockMs = sinceKill.nsecsElapsed() / 1e6;
    }
    // Whatever the dead sender had on the wire has arrived by now; the next one is the standby's.
    const qsizetype atTakeover = std::max(beforeTakeover, emulatorBodies(network, emulatorUrl).size());
    if (settle([&] { return emulatorBodies(network, emulatorUrl).size() > atTakeover; }, 15000)) {
        takeover.firstSendMs = sinceKill.nsecsElapsed() / 1e6;
    }
    settle(
        [&] {
            return count(database,
                         QStringLiteral("SELECT COUNT(*) FROM messages WHERE status IN ('pending', 'sending')"))
                   == 0;
        },
        60000);

    const QStringList bodies = emulatorBodies(network, emulatorUrl);
    const QSet<QString> received(bodies.cbegin(), bodies.cend());
    const QStringList unknownList =
        column(database, QStringLiteral("SELECT body FROM messages WHERE status = 'unknown'"));
    const QSet<QString> unknown(unknownList.cbegin(), unknownList.cend());
    takeover.received = int(bodies.size());
    takeover.sentTwice = int(bodies.size() - received.size());
    takeover.unknown = int(unknown.size());
    for (int i = 0; i < kMessages; ++i) {
        const QString body = QStringLiteral("takeover %1").arg(i);
        takeover.neverSent += received.contains(body) || unknown.contains(body) ? 0 : 1;
    }
    takeover.ok =
        takeover.lockMs >= 0 && takeover.firstSendMs >= 0 && takeover.sentTwice == 0 && takeover.neverSent == 0;
    standby.process().stop();
    return takeover;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int seconds = args.size() > 1 ? std::max(1, args.at(1).toInt()) : 10;
    if (!WrkLoad::isAvailable()) {
        say(QStringLiteral("wrk is not on PATH (apt install wrk)"));
        return 2;
    }
    if (TestDatabase probe(TestDatabase::Kind::Postgres); probe.name().isEmpty()) {
        say(QStringLiteral("no PostgreSQL server is reachable through libpq's environment (PGHOST, PGPORT, PGUSER): "
                           "run it under pg_virtualenv\n")
            + probe.error());
        return 2;
    }
    // The consoles' services run in this process: their warnings stay, their chatter goes.
    QLoggingCategory::setFilterRules(QStringLiteral("flowchat.*.info=false"));
    QTemporaryDir dir;
    s_dir = &dir;
    // The receivers and consoles keep their settings and keys here, not in the user's.
    for (const char* folder : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
        qputenv(folder, dir.filePath(QString::fromLatin1(folder)).toUtf8());
    }

    // ---- request files: the whole workload, its two halves, and later parts of it (new inbound
    // messages) for the load under the console-to-console runs
    const int lines = 2 * kRealisticInbound;
    constexpr int kLoadLines = 20000; // a half's lines for one loaded run
    const QString whole = dir.filePath(QStringLiteral("realistic.txt"));
    QStringList halves;
    QStringList loadFiles;
    bool written = writeWebhooks(whole, lines, &realisticBody);
    for (int half = 0; half < 2; ++half) {
        halves << dir.filePath(QStringLiteral("half%1.txt").arg(half));
        written = written && writeWebhooks(halves.last(), lines / 2, halfOf(half));
    }
    for (int run = 0; run < 2; ++run) {
        for (int half = 0; half < 2; ++half) {
            loadFiles << dir.filePath(QStringLiteral("load%1-%2.txt").arg(run).arg(half));
            written =
                written && writeWebhooks(loadFiles.last(), kLoadLines, halfOf(half, lines + run * 2 * kLoadLines));
        }
    }
    if (!written) {
        say(QStringLiteral("cannot write the request files"));
        return 1;
    }

    // ---- 1. ingest
    say(QStringLiteral("load average before: %1 (%2 cores)").arg(loadAverage()).arg(QThread::idealThreadCount()));
    say(QStringLiteral("1. durable signed ingest, %1 s a run, wrk -t1 with %2 connections in all: %3 signed Meta "
                       "webhooks, inbound texts from %4 contacts and statuses for %5 seeded sent messages")
            .arg(seconds)
            .arg(kConnections)
            .arg(lines)
            .arg(kRealisticContacts)
            .arg(kSeededSent));
    const auto sqlite = seededDatabase(TestDatabase::Kind::Sqlite);
    const auto postgresOne = seededDatabase(TestDatabase::Kind::Postgres);
    const auto postgresTwo = seededDatabase(TestDatabase::Kind::Postgres, postgresOne.get());
    const auto postgresAsync = seededDatabase(TestDatabase::Kind::Postgres, postgresOne.get());
    if (!sqlite || !postgresOne || !postgresTwo || !postgresAsync) {
        return 1;
    }
    // SQLite's WAL with synchronous=NORMAL does not wait for the disk at each commit; PostgreSQL
    // does unless told not to. The last run tells it not to, for a like-for-like durability.
    onServer(QStringLiteral("ALTER DATABASE %1 SET synchronous_commit = off").arg(serverName(*postgresAsync)));
    const IngestRun sqliteRun = ingest(QStringLiteral("SQLite, 1 receiver (baseline)"), *sqlite, {whole}, seconds);
    const IngestRun oneRun = ingest(QStringLiteral("PostgreSQL, 1 receiver"), *postgresOne, {whole}, seconds);
    const IngestRun twoRun = ingest(QStringLiteral("PostgreSQL, 2 receivers"), *postgresTwo, halves, seconds);
    const IngestRun asyncRun =
        ingest(QStringLiteral("PostgreSQL, 2, synchronous_commit=off"), *postgresAsync, halves, seconds);

    // ---- 2. console to console, on the two-receiver run's database (5,000 contacts, its rows)
    say(QStringLiteral("\n2. console to console: %1 sends, one at a time, from one console's ServiceClient to the "
                       "row in the other's ThreadModel, through PostgreSQL NOTIFY")
            .arg(kLatencySends));
    const int halfCapacity = std::max(200, int(twoRun.load.requestsPerSecond / 2));
    const ConsoleFigures consoles = consoleToConsole(*postgresTwo, {100, halfCapacity}, loadFiles);

    // ---- 3. takeover
    say(QStringLiteral("\n3. standby takeover: 200 messages sent at 40/s by one of two receivers, SIGKILLed after 40 "
                       "(TeamSender asks for the lock every 1000 ms)"));
    QNetworkAccessManager network;
    const Takeover takeover = standbyTakeover(network);
    say(QStringLiteral("lock taken %1 ms after the kill, first send %2 ms after; the emulator received %3 (%4 "
                       "distinct), %5 left unknown, %6 never sent: %7")
            .arg(takeover.lockMs, 0, 'f', 0)
            .arg(takeover.firstSendMs, 0, 'f', 0)
            .arg(takeover.received)
            .arg(takeover.received - takeover.sentTwice)
            .arg(takeover.unknown)
            .arg(takeover.neverSent)
            .arg(takeover.ok ? QStringLiteral("each message at most once, none lost")
                             : QStringLiteral("VERIFY FAILED")));

    say(QStringLiteral("load average after: %1").arg(loadAverage()));
    say(QString());
    const auto ingestResults = [](const QString& key, const IngestRun& run) {
        result(QStringLiteral("ingest_%1_rate").arg(key), run.load.requestsPerSecond, "req/s", 0);
        result(QStringLiteral("ingest_%1_p99").arg(key), run.load.p99Ms, "ms", 2);
        result(QStringLiteral("ingest_%1_acknowledged").arg(key), double(run.load.answeredOk()), "requests", 0);
        result(QStringLiteral("ingest_%1_stored").arg(key), double(run.logged), "requests", 0);
        result(QStringLiteral("ingest_%1_acknowledged_missing").arg(key),
               double(std::max<qint64>(0, run.load.answeredOk() - run.logged)),
               "requests",
               0);
    };
    ingestResults(QStringLiteral("sqlite_1_receiver_baseline"), sqliteRun);
    ingestResults(QStringLiteral("postgres_1_receiver"), oneRun);
    ingestResults(QStringLiteral("postgres_2_receivers"), twoRun);
    ingestResults(QStringLiteral("postgres_2_receivers_sync_commit_off"), asyncRun);
    const double baseline = std::max(1.0, sqliteRun.load.requestsPerSecond);
    result(QStringLiteral("ingest_postgres_1_receiver_ratio_to_sqlite_1"),
           oneRun.load.requestsPerSecond / baseline,
           "x",
           2);
    result(QStringLiteral("ingest_postgres_2_receivers_ratio_to_sqlite_1"),
           twoRun.load.requestsPerSecond / baseline,
           "x",
           2);
    result(QStringLiteral("ingest_postgres_2_receivers_sync_commit_off_ratio_to_sqlite_1"),
           asyncRun.load.requestsPerSecond / baseline,
           "x",
           2);
    result(QStringLiteral("notify_bare_baseline_p50"), Latency::percentile(consoles.bareNotifyMs, 0.5), "ms", 2);
    result(QStringLiteral("notify_bare_baseline_p95"), Latency::percentile(consoles.bareNotifyMs, 0.95), "ms", 2);
    const auto latencyResults = [](const QString& key, const Latency& latency) {
        result(QStringLiteral("console_to_console_model_%1_p50").arg(key),
               Latency::percentile(latency.toModelMs, 0.5),
               "ms");
        result(QStringLiteral("console_to_console_model_%1_p95").arg(key),
               Latency::percentile(latency.toModelMs, 0.95),
               "ms");
        result(QStringLiteral("console_to_console_send_commit_%1_p95").arg(key),
               Latency::percentile(latency.commitMs, 0.95),
               "ms");
        result(QStringLiteral("console_to_console_model_%1_later_than_5s").arg(key), latency.late, "sends", 0);
        result(QStringLiteral("console_to_console_model_%1_never").arg(key), latency.lost + latency.failed, "sends", 0);
    };
    latencyResults(QStringLiteral("quiet"), consoles.quiet);
    for (int i = 0; i < consoles.loaded.size(); ++i) {
        const QString key = QStringLiteral("under_ingest_%1").arg(consoles.loadRates.at(i));
        latencyResults(key, consoles.loaded.at(i));
        result(QStringLiteral("console_to_console_model_%1_ingest_rate").arg(key),
               consoles.load.at(i).requestsPerSecond,
               "req/s",
               0);
    }
    result(QStringLiteral("takeover_lock_ms"), takeover.lockMs, "ms", 0);
    result(QStringLiteral("takeover_first_send_ms"), takeover.firstSendMs, "ms", 0);
    result(QStringLiteral("takeover_received"), takeover.received, "messages", 0);
    result(QStringLiteral("takeover_unknown"), takeover.unknown, "messages", 0);
    result(QStringLiteral("takeover_never_sent"), takeover.neverSent, "messages", 0);
    result(QStringLiteral("takeover_sent_twice"), takeover.sentTwice, "messages", 0);

    // Ingest durability and exactly-once sends are checked; latency is a figure, not a check,
    // except that every send must reach the other console.
    bool verified = sqliteRun.verified && oneRun.verified && twoRun.verified && asyncRun.verified && takeover.ok
                    && consoles.quiet.lost == 0 && consoles.quiet.failed == 0 && consoles.loaded.size() == 2;
    for (const Latency& latency : consoles.loaded) {
        verified = verified && latency.lost == 0 && latency.failed == 0;
    }
    if (!verified) {
        say(QStringLiteral("\nsomething was not verified (see above)"));
    }
    return verified ? 0 : 1;
}
