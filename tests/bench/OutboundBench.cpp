// Outbound rate: COUNT messages posted to FlowChat's API by wrk (another process, like the
// scripts that call it) and sent by its outbox to a
// Twilio-shaped endpoint answering after 100 ms (flowchat-emulator --provider twilio --latency-ms
// 100), with the rate limit out of the way, beside Twilio's official Node library sending the same
// count at the same concurrency to the same endpoint in the same run. Checks that the endpoint got
// every message exactly once. Not part of the test suite.
//
//   build/bin/OutboundBench [count] [concurrency]   (defaults 3000 and 128, the concurrency)
//   NODE_PATH defaults to <build>/node/node_modules (scripts/test.sh installs twilio there); wrk
//   must be on PATH.
#include "tests/bench/BenchSupport.h"
#include "tests/bench/WrkLoad.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>

#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>

namespace
{

using BenchSupport::freePort;
using BenchSupport::result;
using BenchSupport::say;
using BenchSupport::startAndWait;

const QString kAccountSid = QStringLiteral("AC") + QString(32, QLatin1Char('a'));
const QString kAuthToken = QStringLiteral("0123456789abcdef0123456789abcdef");
const QByteArray kApiToken = "bench-api-token-0123456789";
constexpr int kContacts = 20;
constexpr int kLatencyMs = 100;

QString contact(int i)
{
    return QStringLiteral("+1415555%1").arg(1000 + i % kContacts);
}

// Blocking helpers: this is a benchmark driver, not application code.
QJsonObject
request(QNetworkAccessManager& network, const QByteArray& method, const QUrl& url, const QByteArray& body = {})
{
    QNetworkRequest req(url);
    req.setRawHeader("Authorization", "Bearer " + kApiToken);
    if (!body.isEmpty()) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    }
    std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(req, method, body));
    QElapsedTimer clock;
    clock.start();
    while (!reply->isFinished() && clock.elapsed() < 30000) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return QJsonDocument::fromJson(reply->readAll()).object();
}

void waitUntil(const std::function<bool()>& done, int timeoutMs, int pollMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs) {
        QElapsedTimer pause;
        pause.start();
        while (pause.elapsed() < pollMs) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, pollMs);
        }
    }
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 3000;
    const int concurrency = argc > 2 ? std::max(1, QString::fromLocal8Bit(argv[2]).toInt()) : 128;
    if (!WrkLoad::isAvailable()) {
        say(QStringLiteral("wrk is not on PATH (apt install wrk)"));
        return 2;
    }
    const QString bin = QCoreApplication::applicationDirPath();
    QTemporaryDir dir;

    const quint16 port = freePort();
    const QString receiver = QStringLiteral("http://127.0.0.1:%1").arg(port);
    QProcess emulator;
    const QString emulatorUrl = startAndWait(emulator,
                                             bin + QStringLiteral("/flowchat-emulator"),
                                             {QStringLiteral("--provider"),
                                              QStringLiteral("twilio"),
                                              QStringLiteral("--account-sid"),
                                              kAccountSid,
                                              QStringLiteral("--auth-token"),
                                              kAuthToken,
                                              QStringLiteral("--latency-ms"),
                                              QString::number(kLatencyMs),
                                              QStringLiteral("--status-delay-ms"),
                                              QStringLiteral("1000000"),
                                              QStringLiteral("--webhook-url"),
                                              receiver + QStringLiteral("/api/whatsapp/webhook")},
                                             QRegularExpression(QStringLiteral("listening on (\\S+)")));
    if (emulatorUrl.isEmpty()) {
        say(QStringLiteral("flowchat-emulator did not start"));
        return 1;
    }

    // No FLOWCHAT_PUBLIC_URL: no StatusCallback, so the endpoint's answers are all the traffic.
    const QByteArray env =
        "WHATSAPP_PROVIDER=twilio\nTWILIO_ACCOUNT_SID=" + kAccountSid.toUtf8() + "\nTWILIO_AUTH_TOKEN="
        + kAuthToken.toUtf8() + "\nTWILIO_WHATSAPP_NUMBER=+14155238886\nTWILIO_API_BASE_URL=" + emulatorUrl.toUtf8()
        + "\nTWILIO_CONTENT_BASE_URL=" + emulatorUrl.toUtf8()
        + "\nFLOWCHAT_LISTEN=127.0.0.1:" + QByteArray::number(port) + "\nFLOWCHAT_API_TOKEN=" + kApiToken
        + "\nFLOWCHAT_DATABASE=" + dir.filePath(QStringLiteral("flowchat.sqlite")).toUtf8() + "\nFLOWCHAT_MEDIA_CACHE="
        + dir.filePath(QStringLiteral("media")).toUtf8() + "\nFLOWCHAT_SEND_RATE=100000\nFLOWCHAT_SEND_CONCURRENCY="
        + QByteArray::number(concurrency) + "\nFLOWCHAT_LOG_LEVEL=warning\n";
    QFile envFile(dir.filePath(QStringLiteral("bench.env")));
    if (!envFile.open(QIODevice::WriteOnly) || envFile.write(env) < 0) {
        return 1;
    }
    envFile.close();
    envFile.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    QProcess flowchat;
    if (startAndWait(flowchat,
                     bin + QStringLiteral("/flowchat"),
                     {QStringLiteral("--headless"), QStringLiteral("--env-file"), envFile.fileName()},
                     QRegularExpression(QStringLiteral("(flowchat: ready)")))
            .isEmpty()) {
        say(QStringLiteral("flowchat --headless did not start"));
        return 1;
    }

    QNetworkAccessManager control;
    // The contacts write first, which opens their 24-hour windows.
    for (int i = 0; i < kContacts; ++i) {
        request(control,
                "POST",
                QUrl(emulatorUrl + QStringLiteral("/_emulator/inbound")),
                QJsonDocument(
                    QJsonObject{{QStringLiteral("from"), contact(i)}, {QStringLiteral("body"), QStringLiteral("hi")}})
                    .toJson());
    }
    waitUntil(
        [&] {
            int open = 0;
            for (int i = 0; i < kContacts; ++i) {
                open += request(control,
                                "GET",
                                QUrl(receiver + QStringLiteral("/api/whatsapp/messages?contact=")
                                     + QUrl::toPercentEncoding(contact(i))))
                                .value(QStringLiteral("messages"))
                                .toArray()
                                .isEmpty()
                            ? 0
                            : 1;
            }
            return open == kContacts;
        },
        20000,
        100);

    // FlowChat: agents' scripts post to the API (wrk, another process, 64 connections, each send
    // once), then the outbox sends.
    const QString sends = dir.filePath(QStringLiteral("sends.txt"));
    QFile sendsFile(sends);
    if (!sendsFile.open(QIODevice::WriteOnly)) {
        return 1;
    }
    for (int i = 0; i < count; ++i) {
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("to"), contact(i)},
                                      {QStringLiteral("body"), QStringLiteral("flowchat bench %1").arg(i)}})
                .toJson(QJsonDocument::Compact);
        sendsFile.write(
            WrkLoad::requestLine({"Content-Type: application/json", "Authorization: Bearer " + kApiToken}, body));
    }
    sendsFile.close();
    WrkOptions intake;
    intake.url = receiver + QStringLiteral("/api/whatsapp/send");
    intake.requestsFile = sends;
    intake.stopAfter = count;
    intake.eachLineOnce = true;
    intake.seconds = 300;
    WrkLoad scripts;
    QElapsedTimer clock;
    clock.start();
    scripts.start(intake);
    qint64 acceptedAtMs = 0;
    waitUntil(
        [&] {
            acceptedAtMs = acceptedAtMs > 0 || !scripts.isFinished() ? acceptedAtMs : clock.elapsed();
            return acceptedAtMs > 0;
        },
        300000,
        5);
    const WrkResult intakeRun = scripts.result();
    // Requests beyond the file carry no credentials and are refused: only the file's lines count.
    const qint64 accepted = intakeRun.answeredOk();
    // Sent = the outbox is empty again (cheap to poll; the endpoint's own list is checked after).
    waitUntil(
        [&] {
            return request(control, "GET", QUrl(receiver + QStringLiteral("/api/health")))
                       .value(QStringLiteral("outbox"))
                       .toInt()
                   == 0;
        },
        300000,
        20);
    const qint64 sentAtMs = clock.elapsed();

    // Twilio's Node library, same count, same concurrency, same endpoint.
    QProcess node;
    QProcessEnvironment nodeEnv = QProcessEnvironment::systemEnvironment();
    if (!nodeEnv.contains(QStringLiteral("NODE_PATH"))) {
        nodeEnv.insert(QStringLiteral("NODE_PATH"), QDir(bin + QStringLiteral("/../node/node_modules")).absolutePath());
    }
    node.setProcessEnvironment(nodeEnv);
    node.start(QStringLiteral("node"),
               {QStringLiteral(FLOWCHAT_SOURCE_DIR "/tests/integration/node/twilio-bench.js"),
                emulatorUrl,
                kAccountSid,
                kAuthToken,
                QString::number(count),
                QString::number(concurrency)});
    QJsonObject nodeResult;
    if (node.waitForFinished(600000)) {
        const QString out = QString::fromUtf8(node.readAllStandardOutput());
        const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("RESULT (\\{.*\\})")).match(out);
        nodeResult = QJsonDocument::fromJson(match.captured(1).toUtf8()).object();
        if (nodeResult.isEmpty()) {
            say(QStringLiteral("twilio-bench.js: ") + out + QString::fromUtf8(node.readAllStandardError()));
        }
    }

    // Exactly once, on the endpoint's own record.
    const QJsonArray messages = request(control, "GET", QUrl(emulatorUrl + QStringLiteral("/_emulator/messages")))
                                    .value(QStringLiteral("messages"))
                                    .toArray();
    QHash<QString, int> bodies;
    for (const QJsonValue& message : messages) {
        bodies[message.toObject().value(QStringLiteral("body")).toString()]++;
    }
    const auto exactlyOnce = [&bodies, count](const QString& prefix) {
        int once = 0;
        int duplicated = 0;
        for (int i = 0; i < count; ++i) {
            const int seen = bodies.value(prefix + QString::number(i));
            once += seen == 1 ? 1 : 0;
            duplicated += seen > 1 ? 1 : 0;
        }
        return QStringLiteral("%1 of %2 exactly once, %3 duplicated, %4 missing")
            .arg(once)
            .arg(count)
            .arg(duplicated)
            .arg(count - once - duplicated);
    };

    ::kill(static_cast<pid_t>(flowchat.processId()), SIGTERM);
    flowchat.waitForFinished(30000);
    emulator.kill();
    emulator.waitForFinished();

    const double flowchatRate = count * 1000.0 / std::max<qint64>(1, sentAtMs);
    say(QStringLiteral("%1 messages, %2 in flight, endpoint answering after %3 ms (ideal: %4 msg/s)")
            .arg(count)
            .arg(concurrency)
            .arg(kLatencyMs)
            .arg(concurrency * 1000.0 / kLatencyMs, 0, 'f', 0));
    say(QStringLiteral("flowchat API accept+store     %1 msg/s  (%2 accepted in %3 ms)")
            .arg(accepted * 1000.0 / std::max<qint64>(1, acceptedAtMs), 7, 'f', 0)
            .arg(accepted)
            .arg(acceptedAtMs));
    say(QStringLiteral("flowchat outbound (API->sent) %1 msg/s  (%2 ms from the first request to an empty outbox)  %3")
            .arg(flowchatRate, 7, 'f', 0)
            .arg(sentAtMs)
            .arg(exactlyOnce(QStringLiteral("flowchat bench "))));
    say(QStringLiteral("twilio-node 5.13.1            %1 msg/s  (%2 sent, %3 failed in %4 s)  %5")
            .arg(nodeResult.value(QStringLiteral("rate")).toDouble(), 7, 'f', 0)
            .arg(nodeResult.value(QStringLiteral("sent")).toInt())
            .arg(nodeResult.value(QStringLiteral("failed")).toInt())
            .arg(nodeResult.value(QStringLiteral("seconds")).toDouble(), 0, 'f', 2)
            .arg(exactlyOnce(QStringLiteral("node bench "))));
    if (!nodeResult.value(QStringLiteral("firstError")).isNull() && nodeResult.contains(QStringLiteral("firstError"))) {
        say(QStringLiteral("  twilio-node's first error: ")
            + nodeResult.value(QStringLiteral("firstError")).toString());
    }
    result(QStringLiteral("outbound_rate"), flowchatRate, "msg/s", 0);
    result(QStringLiteral("outbound_baseline_twilio_node_rate"),
           nodeResult.value(QStringLiteral("rate")).toDouble(),
           "msg/s",
           0);
    result(
        QStringLiteral("outbound_api_accept_rate"), accepted * 1000.0 / std::max<qint64>(1, acceptedAtMs), "msg/s", 0);
    result(QStringLiteral("outbound_concurrency"), concurrency, "requests", 0);
    return accepted == count ? 0 : 1;
}
