// Send throughput of each provider against its emulator (a separate flowchat-emulator process)
// answering after 100 ms, at several concurrency levels. Not part of the test suite.
//
//   build/bin/ProviderThroughputBench [round-trips-per-connection]   (default 20)
//
// The baseline printed beside each figure is the ideal rate for that concurrency and latency
// (concurrency / latency), which a sender with no overhead of its own would reach.
#include "providers/NetworkPool.h"
#include "providers/meta/MetaCloudProvider.h"
#include "providers/twilio/TwilioProvider.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>

namespace
{

constexpr int kLatencyMs = 100;
const QString kAccountSid = QStringLiteral("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
const QString kAuthToken = QStringLiteral("emu_auth_token_0123456789abcdef");
const QString kAccessToken = QStringLiteral("EAAbenchtoken");

struct Emulator
{
    std::unique_ptr<QProcess> process;
    QUrl base;
};

Emulator startEmulator(const QStringList& arguments)
{
    Emulator emulator;
    emulator.process = std::make_unique<QProcess>();
    emulator.process->setProgram(QCoreApplication::applicationDirPath() + QStringLiteral("/flowchat-emulator"));
    emulator.process->setArguments(arguments
                                   + QStringList{QStringLiteral("--latency-ms"),
                                                 QString::number(kLatencyMs),
                                                 QStringLiteral("--status-delay-ms"),
                                                 QStringLiteral("100000")});
    emulator.process->start();
    static const QRegularExpression ready(QStringLiteral("listening on (\\S+)"));
    QByteArray output;
    while (emulator.process->waitForReadyRead(5000)) {
        output += emulator.process->readAllStandardOutput();
        const QRegularExpressionMatch match = ready.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            emulator.base = QUrl(match.captured(1));
            break;
        }
    }
    return emulator;
}

// Sends `count` messages keeping `concurrency` in flight; calls done(seconds, failures).
class Run : public QObject
{
public:
    Run(Provider* provider, int count, int concurrency, std::function<void(double, int)> done)
        : m_provider(provider)
        , m_remaining(count)
        , m_done(std::move(done))
    {
        m_clock.start();
        for (int i = 0; i < concurrency && m_remaining > 0; ++i) {
            sendOne();
        }
    }

private:
    void sendOne()
    {
        --m_remaining;
        ++m_inFlight;
        OutgoingMessage message;
        message.to = QStringLiteral("+14155550100");
        message.body = QStringLiteral("Benchmark message");
        m_provider->send(message, this, [this](Result<SendAccepted> result) {
            --m_inFlight;
            if (!result) {
                ++m_failures;
            }
            if (m_remaining > 0) {
                sendOne();
            } else if (m_inFlight == 0) {
                m_done(m_clock.nsecsElapsed() / 1e9, m_failures);
            }
        });
    }

    Provider* m_provider;
    int m_remaining;
    int m_inFlight = 0;
    int m_failures = 0;
    QElapsedTimer m_clock;
    std::function<void(double, int)> m_done;
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // Each level sends this many messages per request in flight, so every level takes about as long.
    const int roundTrips = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
    const QList<int> levels{1, 6, 16, 32, 64, 128};

    Emulator twilio = startEmulator({QStringLiteral("--provider"),
                                     QStringLiteral("twilio"),
                                     QStringLiteral("--account-sid"),
                                     kAccountSid,
                                     QStringLiteral("--auth-token"),
                                     kAuthToken});
    Emulator meta = startEmulator({QStringLiteral("--provider"),
                                   QStringLiteral("meta"),
                                   QStringLiteral("--access-token"),
                                   kAccessToken,
                                   QStringLiteral("--app-secret"),
                                   QStringLiteral("benchsecret"),
                                   QStringLiteral("--phone-number-id"),
                                   QStringLiteral("106540352242922"),
                                   QStringLiteral("--waba-id"),
                                   QStringLiteral("102290129340398")});
    if (twilio.base.isEmpty() || meta.base.isEmpty()) {
        std::fprintf(stderr, "could not start flowchat-emulator next to this binary\n");
        return 1;
    }

    std::printf("provider send throughput, emulator latency %d ms, %d messages per request in flight\n",
                kLatencyMs,
                roundTrips);
    std::printf("%-8s %11s %12s %12s %9s\n", "provider", "concurrency", "msg/s", "ideal msg/s", "failures");

    struct Job
    {
        QString name;
        int concurrency;
    };
    QList<Job> jobs;
    for (const QString& name : {QStringLiteral("twilio"), QStringLiteral("meta")}) {
        for (int level : levels) {
            jobs.append({name, level});
        }
    }

    std::function<void(int)> next = [&](int index) {
        if (index >= jobs.size()) {
            QCoreApplication::quit();
            return;
        }
        const Job job = jobs.at(index);
        auto* pool = new NetworkPool(job.concurrency, &app);
        Provider* provider = nullptr;
        if (job.name == QLatin1String("twilio")) {
            TwilioConfig config;
            config.accountSid = kAccountSid;
            config.authToken = kAuthToken;
            config.fromNumber = QStringLiteral("+14155238886");
            config.apiBaseUrl = twilio.base;
            config.contentBaseUrl = twilio.base;
            provider = new TwilioProvider(config, pool, pool);
        } else {
            MetaConfig config;
            config.apiUrl = QUrl(meta.base.toString() + QStringLiteral("/v23.0"));
            config.accessToken = kAccessToken;
            config.phoneNumberId = QStringLiteral("106540352242922");
            config.businessAccountId = QStringLiteral("102290129340398");
            provider = new MetaCloudProvider(config, pool, pool);
        }
        const int count = job.concurrency * roundTrips;
        auto* run =
            new Run(provider, count, job.concurrency, [&, job, index, pool, count](double seconds, int failures) {
                std::printf("%-8s %11d %12.1f %12.1f %9d\n",
                            qPrintable(job.name),
                            job.concurrency,
                            count / seconds,
                            job.concurrency * 1000.0 / kLatencyMs,
                            failures);
                std::fflush(stdout);
                pool->deleteLater();
                QTimer::singleShot(0, &app, [&, index] { next(index + 1); });
            });
        run->setParent(pool);
    };
    QTimer::singleShot(0, &app, [&] { next(0); });
    const int code = app.exec();
    twilio.process->terminate();
    meta.process->terminate();
    twilio.process->waitForFinished(3000);
    meta.process->waitForFinished(3000);
    return code;
}
