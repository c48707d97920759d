// The integration guide's own `.env` for the direct provider, exactly as written, with only the
// Graph host pointed at the Meta emulator and a listen address added: `flowchat --headless` starts
// from ./.env, answers Meta's verification handshake with the guide's verify token, stores a
// customer's webhook and sends the reply to POST /v18.0/<phone-number-id>/messages. No API token
// is configured, so FlowChat keeps the one it generates: scripts read it with
// `flowchat --print-api-token`, and it is the same after a restart.
#include "E2eSupport.h"

#include <QTest>
#include <QUrlQuery>

using namespace ApiTest;

namespace
{

// Straight from the guide, but for the host (the emulator's) and the listen line.
const QString kGuidePhoneNumberId = QStringLiteral("your-phone-number-id");
const QString kGuideApiToken = QStringLiteral("your-whatsapp-api-token");
const QString kGuideVerifyToken = QStringLiteral("your-webhook-verification-token");

QByteArray guideEnv(const QString& graphHost, quint16 listenPort)
{
    return "WHATSAPP_PROVIDER=direct\n"
           "WHATSAPP_API_URL="
           + graphHost.toUtf8()
           + "/v18.0/your-phone-number-id/messages\n"
             "WHATSAPP_API_TOKEN=your-whatsapp-api-token\n"
             "WHATSAPP_VERIFY_TOKEN=your-webhook-verification-token\n"
             "FLOWCHAT_LISTEN=127.0.0.1:"
           + QByteArray::number(listenPort) + "\n";
}

} // namespace

class TestGuideConfiguration : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void guideEnvStartsAndServes();

private:
    QString printApiToken(const QProcessEnvironment& environment);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestGuideConfiguration::init()
{
    QVERIFY2(QFile::exists(E2e::binary(QStringLiteral("flowchat"))), "build flowchat first");
    QVERIFY2(QFile::exists(E2e::binary(QStringLiteral("flowchat-emulator"))), "build flowchat-emulator first");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestGuideConfiguration::cleanup()
{
    m_dir.reset();
}

QString TestGuideConfiguration::printApiToken(const QProcessEnvironment& environment)
{
    E2e::Child print;
    print.process().setWorkingDirectory(m_dir->path());
    if (!print.run(E2e::binary(QStringLiteral("flowchat")), {QStringLiteral("--print-api-token")}, environment)
        || print.process().exitCode() != 0) {
        qWarning("flowchat --print-api-token failed: %s", qPrintable(print.err()));
        return {};
    }
    return print.out().trimmed();
}

void TestGuideConfiguration::guideEnvStartsAndServes()
{
    QProcessEnvironment environment = E2e::isolatedEnvironment(m_dir->path());
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // never the developer's keychain
    PortReservation reservation;
    const quint16 port = reservation.port();
    const QString receiver = QStringLiteral("http://127.0.0.1:%1").arg(port);

    E2e::Child emulator;
    QVERIFY2(emulator.start(E2e::binary(QStringLiteral("flowchat-emulator")),
                            {QStringLiteral("--provider"),
                             QStringLiteral("meta"),
                             QStringLiteral("--access-token"),
                             kGuideApiToken,
                             QStringLiteral("--phone-number-id"),
                             kGuidePhoneNumberId,
                             QStringLiteral("--waba-id"),
                             kWabaId,
                             QStringLiteral("--webhook-url"),
                             receiver + QStringLiteral("/api/whatsapp/webhook"),
                             QStringLiteral("--status-delay-ms"),
                             QStringLiteral("50")},
                            environment,
                            E2e::listeningOn()),
             qPrintable(emulator.err()));
    const QString emulatorUrl = emulator.captured();

    // ./.env, where a new user puts it.
    QVERIFY(E2e::writeFile(m_dir->filePath(QStringLiteral(".env")), guideEnv(emulatorUrl, port)));
    reservation.release();

    auto flowchat = std::make_unique<E2e::Child>();
    flowchat->process().setWorkingDirectory(m_dir->path());
    QVERIFY2(
        flowchat->start(
            E2e::binary(QStringLiteral("flowchat")), {QStringLiteral("--headless")}, environment, E2e::headlessReady()),
        qPrintable(flowchat->out() + flowchat->err()));
    QCOMPARE(flowchat->captured(), receiver);
    QVERIFY2(flowchat->out().contains(QStringLiteral("provider direct")), qPrintable(flowchat->out()));
    // The token is not printed, but where to find it is.
    QVERIFY2(flowchat->out().contains(QStringLiteral("--print-api-token")), qPrintable(flowchat->out()));

    // Meta's verification handshake with the guide's verify token; another token is refused.
    Client hooks{QUrl(receiver)};
    QUrlQuery handshake;
    handshake.addQueryItem(QStringLiteral("hub.mode"), QStringLiteral("subscribe"));
    handshake.addQueryItem(QStringLiteral("hub.verify_token"), kGuideVerifyToken);
    handshake.addQueryItem(QStringLiteral("hub.challenge"), QStringLiteral("1158201444"));
    const Response verified =
        hooks.get(QStringLiteral("/api/whatsapp/webhook?") + handshake.toString(QUrl::FullyEncoded), std::nullopt);
    QCOMPARE(verified.status, 200);
    QCOMPARE(verified.body, QByteArray("1158201444"));
    handshake.removeAllQueryItems(QStringLiteral("hub.verify_token"));
    handshake.addQueryItem(QStringLiteral("hub.verify_token"), QStringLiteral("guess"));
    QCOMPARE(hooks.get(QStringLiteral("/api/whatsapp/webhook?") + handshake.toString(QUrl::FullyEncoded), std::nullopt)
                 .status,
             403);

    // Without a token the API refuses, and says where the token is kept.
    const Response refused = hooks.get(QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100"), std::nullopt);
    QCOMPARE(refused.status, 401);
    QVERIFY2(refused.body.contains("--print-api-token") && refused.body.contains("secrets.json"),
             refused.body.constData());

    const QString token = printApiToken(environment);
    QCOMPARE(token.size(), 32);
    QVERIFY2(!flowchat->out().contains(token) && !flowchat->err().contains(token), "the token reached the log");
    Client api{QUrl(receiver)};

    // A customer writes; the emulator delivers Meta's webhook to the guide's receiver.
    Client admin{QUrl(emulatorUrl)};
    const Response inbound = admin.postJson(QStringLiteral("/_emulator/inbound"),
                                            {{QStringLiteral("from"), kCustomer},
                                             {QStringLiteral("body"), QStringLiteral("Hi, where is my order?")},
                                             {QStringLiteral("name"), QStringLiteral("Ana")}});
    QVERIFY2(inbound.status == 200, inbound.body.constData());
    const QString conversation = QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100");
    QTRY_COMPARE_WITH_TIMEOUT(
        api.get(conversation, token).json.value(QStringLiteral("messages")).toArray().size(), 1, 10000);

    // The reply, through the guide's API example, goes to POST /v18.0/<phone-number-id>/messages.
    const Response sent =
        api.send("POST",
                 QStringLiteral("/api/whatsapp/send"),
                 QJsonDocument(QJsonObject{{QStringLiteral("to"), kCustomer},
                                           {QStringLiteral("body"), QStringLiteral("It ships today.")},
                                           {QStringLiteral("type"), QStringLiteral("text")}})
                     .toJson(QJsonDocument::Compact),
                 "application/json",
                 {},
                 token);
    QVERIFY2(sent.status == 202, sent.body.constData());
    const QString sentPath =
        QStringLiteral("/api/whatsapp/messages/%1").arg(sent.json.value(QStringLiteral("id")).toInteger());
    QTRY_COMPARE_WITH_TIMEOUT(
        api.get(sentPath, token).json.value(QStringLiteral("status")).toString(), QStringLiteral("read"), 15000);
    // The emulator refuses any other phone number ID, so acceptance means the guide's path.
    const QJsonArray accepted =
        admin.get(QStringLiteral("/_emulator/messages"), std::nullopt).json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(accepted.first().toObject().value(QStringLiteral("path")).toString(),
             QStringLiteral("/v18.0/your-phone-number-id/messages"));

    // A restart keeps the token: a script that worked before still works.
    flowchat->signal(SIGTERM);
    QVERIFY(flowchat->waitForExit());
    QCOMPARE(flowchat->process().exitCode(), 0);
    flowchat = std::make_unique<E2e::Child>();
    flowchat->process().setWorkingDirectory(m_dir->path());
    QVERIFY2(
        flowchat->start(
            E2e::binary(QStringLiteral("flowchat")), {QStringLiteral("--headless")}, environment, E2e::headlessReady()),
        qPrintable(flowchat->out() + flowchat->err()));
    QCOMPARE(api.get(conversation, token).status, 200);
    QCOMPARE(api.get(conversation, token).json.value(QStringLiteral("messages")).toArray().size(), 2);
    QCOMPARE(printApiToken(environment), token);

    // Kept with the other secrets, in the file only this user can read.
    const QString secretsFile = m_dir->filePath(QStringLiteral("XDG_CONFIG_HOME/FlowChat/FlowChat/secrets.json"));
    QVERIFY2(QFile::exists(secretsFile), qPrintable(secretsFile));
    QCOMPARE(QFile::permissions(secretsFile) & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());

    flowchat->signal(SIGTERM);
    QVERIFY(flowchat->waitForExit());
    QCOMPARE(flowchat->process().exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestGuideConfiguration)
#include "TestGuideConfiguration.moc"
