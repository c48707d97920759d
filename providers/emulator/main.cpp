// flowchat-emulator: wire-faithful stand-ins for Twilio's and Meta's WhatsApp APIs on loopback.
#include "providers/UnixSignals.h"
#include "providers/emulator/MetaEmulator.h"
#include "providers/emulator/TwilioEmulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <memory>

namespace
{

int fail(const QString& message)
{
    std::fprintf(stderr, "flowchat-emulator: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flowchat-emulator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWCHAT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Wire-faithful emulator of Twilio's and Meta's WhatsApp APIs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption provider(
        QStringLiteral("provider"), QStringLiteral("twilio or meta"), QStringLiteral("name"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("HOST:PORT to listen on"),
                                    QStringLiteral("address"),
                                    QStringLiteral("127.0.0.1:0"));
    const QCommandLineOption accountSid(
        QStringLiteral("account-sid"), QStringLiteral("Twilio account SID"), QStringLiteral("sid"));
    const QCommandLineOption authToken(
        QStringLiteral("auth-token"), QStringLiteral("Twilio auth token"), QStringLiteral("token"));
    const QCommandLineOption accessToken(
        QStringLiteral("access-token"), QStringLiteral("Meta access token"), QStringLiteral("token"));
    const QCommandLineOption appSecret(
        QStringLiteral("app-secret"), QStringLiteral("Meta app secret"), QStringLiteral("secret"));
    const QCommandLineOption phoneNumberId(
        QStringLiteral("phone-number-id"), QStringLiteral("Meta phone number id"), QStringLiteral("id"));
    const QCommandLineOption wabaId(
        QStringLiteral("waba-id"), QStringLiteral("Meta WhatsApp Business Account id"), QStringLiteral("id"));
    const QCommandLineOption webhookUrl(
        QStringLiteral("webhook-url"), QStringLiteral("where webhooks go"), QStringLiteral("url"));
    const QCommandLineOption latency(QStringLiteral("latency-ms"),
                                     QStringLiteral("delay before every API answer"),
                                     QStringLiteral("ms"),
                                     QStringLiteral("0"));
    const QCommandLineOption statusDelay(QStringLiteral("status-delay-ms"),
                                         QStringLiteral("delay between status webhooks"),
                                         QStringLiteral("ms"),
                                         QStringLiteral("200"));
    const QCommandLineOption fault(
        QStringLiteral("fault"),
        QStringLiteral("inject a fault: 500, 429:2x1, error:131047@0.1, timeout, reset (repeatable)"),
        QStringLiteral("spec"));
    const QCommandLineOption outOfOrder(QStringLiteral("out-of-order"),
                                        QStringLiteral("deliver statuses out of order"));
    const QCommandLineOption duplicates(QStringLiteral("duplicates"), QStringLiteral("deliver every status twice"));
    const QCommandLineOption finalStatus(QStringLiteral("final-status"),
                                         QStringLiteral("sent, delivered, read or failed"),
                                         QStringLiteral("status"),
                                         QStringLiteral("read"));
    const QCommandLineOption closedWindows(QStringLiteral("closed-windows"),
                                           QStringLiteral("contacts' 24-hour windows are closed until they write"));
    const QCommandLineOption seed(
        QStringLiteral("seed"), QStringLiteral("random seed"), QStringLiteral("n"), QStringLiteral("0"));
    parser.addOptions({provider,
                       listen,
                       accountSid,
                       authToken,
                       accessToken,
                       appSecret,
                       phoneNumberId,
                       wabaId,
                       webhookUrl,
                       latency,
                       statusDelay,
                       fault,
                       outOfOrder,
                       duplicates,
                       finalStatus,
                       closedWindows,
                       seed});
    parser.process(app);

    EmulatorOptions options;
    const QString listenValue = parser.value(listen);
    const qsizetype colon = listenValue.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    options.port = colon < 0 ? 0 : listenValue.mid(colon + 1).toUShort(&portOk);
    if (colon < 0 || !portOk || !options.address.setAddress(listenValue.left(colon))) {
        return fail(QStringLiteral("--listen must be HOST:PORT, for example 127.0.0.1:8081"));
    }
    options.webhookUrl = QUrl(parser.value(webhookUrl));
    options.latencyMs = parser.value(latency).toInt();
    options.statusDelayMs = parser.value(statusDelay).toInt();
    options.outOfOrder = parser.isSet(outOfOrder);
    options.duplicates = parser.isSet(duplicates);
    options.finalStatus = parser.value(finalStatus);
    options.closedWindows = parser.isSet(closedWindows);
    options.seed = parser.value(seed).toUInt();
    for (const QString& spec : parser.values(fault)) {
        const Result<FaultSpec> parsed = FaultSpec::parse(spec);
        if (!parsed) {
            return fail(parsed.error().message);
        }
        options.faults.append(*parsed);
    }
    options.accountSid = parser.value(accountSid);
    options.authToken = parser.value(authToken);
    options.accessToken = parser.value(accessToken);
    options.appSecret = parser.value(appSecret);
    options.phoneNumberId = parser.value(phoneNumberId);
    options.wabaId = parser.value(wabaId);

    std::unique_ptr<EmulatorBase> emulator;
    const QString which = parser.value(provider);
    if (which == QLatin1String("twilio")) {
        if (options.accountSid.isEmpty() || options.authToken.isEmpty()) {
            return fail(QStringLiteral("--provider twilio needs --account-sid and --auth-token"));
        }
        emulator = std::make_unique<TwilioEmulator>(options);
    } else if (which == QLatin1String("meta")) {
        if (options.accessToken.isEmpty() || options.phoneNumberId.isEmpty() || options.wabaId.isEmpty()) {
            return fail(QStringLiteral("--provider meta needs --access-token, --phone-number-id and --waba-id"));
        }
        emulator = std::make_unique<MetaEmulator>(options);
    } else {
        return fail(QStringLiteral("--provider must be twilio or meta"));
    }

    if (emulator->listen() == 0) {
        return fail(QStringLiteral("could not listen on %1").arg(listenValue));
    }
    UnixSignals termination;
    QObject::connect(&termination, &UnixSignals::terminationRequested, &app, &QCoreApplication::quit);
    std::printf("listening on %s\n", qPrintable(emulator->baseUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
