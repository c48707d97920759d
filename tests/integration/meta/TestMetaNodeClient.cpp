// The official whatsapp-api-js client (6.3.0) against the real flowchat-emulator binary: sends,
// error envelopes, media, and the emulator's signed webhooks checked by the library's own verifier
// (wire reference §13.5). The JS side is tests/integration/node/meta-client.mjs.
#include "tests/support/ClientLibraries.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace
{

const QString kToken = u"EAAemulatortoken"_s;
const QString kSecret = u"a1b2c3d4e5f60718293a4b5c6d7e8f90"_s;
const QString kPhoneId = u"106540352242922"_s;
const QString kWabaId = u"102290129340398"_s;
constexpr int kStartMs = 10'000;
constexpr int kScenarioMs = 60'000;

// The first stdout line starting with `prefix`, without the prefix; empty until it arrives.
QString lineAfter(const QByteArray& output, const QString& prefix)
{
    for (const QByteArray& line : output.split('\n')) {
        const QString text = QString::fromUtf8(line).trimmed();
        if (text.startsWith(prefix)) {
            return text.mid(prefix.size());
        }
    }
    return {};
}

QJsonValue at(const QJsonValue& root, const QString& path)
{
    QJsonValue value = root;
    for (const QString& key : path.split(u'/')) {
        value = value.toObject().value(key);
    }
    return value;
}

void stop(QProcess* process)
{
    if (process && process->state() != QProcess::NotRunning) {
        process->terminate();
        if (!QTest::qWaitFor([process] { return process->state() == QProcess::NotRunning; }, 3000)) {
            process->kill();
            QVERIFY(QTest::qWaitFor([process] { return process->state() == QProcess::NotRunning; }, 3000));
        }
    }
}

} // namespace

class TestMetaNodeClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void clientExitedCleanly();
    void clientSaw_data();
    void clientSaw();
    void statusesReachedTheLibrary_data();
    void statusesReachedTheLibrary();

private:
    std::unique_ptr<QProcess> m_emulator;
    std::unique_ptr<QProcess> m_client;
    QByteArray m_emulatorOutput;
    QByteArray m_clientOutput;
    QByteArray m_clientErrors;
    QJsonObject m_result;
};

void TestMetaNodeClient::initTestCase()
{
    const QString nodeDir = clientLibraryDir();
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    if (node.isEmpty()) {
        FLOWCHAT_SKIP_WITHOUT_CLIENT_LIBRARY("node is not on PATH");
    }
    if (!QFileInfo::exists(nodeDir + u"/node_modules/whatsapp-api-js/package.json"_s)) {
        FLOWCHAT_SKIP_WITHOUT_CLIENT_LIBRARY(
            qPrintable(u"whatsapp-api-js is not installed in %1; run scripts/test.sh, or npm ci there with "
                       "tests/integration/node/package*.json"_s.arg(nodeDir)));
    }
    const QString emulatorBinary = QStringLiteral(FLOWCHAT_BIN_DIR) + u"/flowchat-emulator"_s;
    QVERIFY2(QFileInfo(emulatorBinary).isExecutable(),
             qPrintable(emulatorBinary + u" is missing; build flowchat-emulator"_s));

    // The client starts first: it owns the webhook server and tells us its port.
    m_client = std::make_unique<QProcess>();
    m_client->setWorkingDirectory(nodeDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"FLOWCHAT_NODE_DIR"_s, nodeDir);
    m_client->setProcessEnvironment(env);
    connect(m_client.get(), &QProcess::readyReadStandardOutput, this, [this] {
        m_clientOutput += m_client->readAllStandardOutput();
    });
    connect(m_client.get(), &QProcess::readyReadStandardError, this, [this] {
        m_clientErrors += m_client->readAllStandardError();
    });
    m_client->start(node, {QStringLiteral(META_CLIENT_SCRIPT)});
    QTRY_VERIFY2_WITH_TIMEOUT(!lineAfter(m_clientOutput, u"webhook-port "_s).isEmpty(),
                              qPrintable(QString::fromUtf8(m_clientErrors)),
                              kStartMs);
    const QString webhookPort = lineAfter(m_clientOutput, u"webhook-port "_s);

    m_emulator = std::make_unique<QProcess>();
    m_emulator->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_emulator.get(), &QProcess::readyReadStandardOutput, this, [this] {
        m_emulatorOutput += m_emulator->readAllStandardOutput();
    });
    m_emulator->start(emulatorBinary,
                      {u"--provider"_s,
                       u"meta"_s,
                       u"--listen"_s,
                       u"127.0.0.1:0"_s,
                       u"--access-token"_s,
                       kToken,
                       u"--app-secret"_s,
                       kSecret,
                       u"--phone-number-id"_s,
                       kPhoneId,
                       u"--waba-id"_s,
                       kWabaId,
                       u"--webhook-url"_s,
                       u"http://127.0.0.1:%1/webhook"_s.arg(webhookPort),
                       u"--status-delay-ms"_s,
                       u"20"_s});
    QTRY_VERIFY_WITH_TIMEOUT(!lineAfter(m_emulatorOutput, u"listening on "_s).isEmpty(), kStartMs);
    const QString base = lineAfter(m_emulatorOutput, u"listening on "_s);

    m_client->write(base.toUtf8() + '\n');
    QTRY_VERIFY_WITH_TIMEOUT(m_client->state() == QProcess::NotRunning, kScenarioMs);
    m_clientOutput += m_client->readAllStandardOutput();
    const QString json = lineAfter(m_clientOutput, u"result "_s);
    QVERIFY2(!json.isEmpty(), qPrintable(QString::fromUtf8(m_clientOutput + m_clientErrors)));
    m_result = QJsonDocument::fromJson(json.toUtf8()).object();
    QVERIFY(!m_result.isEmpty());
}

void TestMetaNodeClient::cleanupTestCase()
{
    stop(m_client.get());
    stop(m_emulator.get());
}

void TestMetaNodeClient::clientExitedCleanly()
{
    QVERIFY2(!m_result.contains(u"exception"_s), qPrintable(m_result.value(u"exception"_s).toString()));
    QCOMPARE(m_client->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_client->exitCode(), 0);
    QVERIFY2(!m_clientErrors.contains("webhook refused"), m_clientErrors.constData());
}

void TestMetaNodeClient::clientSaw_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");
    const auto row = [](const char* name, const char* path, const QJsonValue& expected) {
        QTest::newRow(name) << QString::fromLatin1(path) << expected;
    };
    row("text: messaging_product", "text/product", u"whatsapp"_s);
    row("text: contacts input echoed", "text/input", u"16505551234"_s);
    row("text: wa_id", "text/wa_id", u"16505551234"_s);
    row("text: wamid", "text/wamid", true);
    row("template accepted", "template/wamid", true);
    row("invalid recipient envelope", "errors/invalidRecipient", 131009);
    row("invalid recipient details", "errors/invalidRecipientDetails", u"Recipient phone number is not valid"_s);
    row("unknown template envelope", "errors/unknownTemplate", 132001);
    row("bad token envelope", "errors/badToken", 190);
    row("bad token type", "errors/badTokenType", u"OAuthException"_s);
    row("media id is numeric", "media/idDigits", true);
    row("media mime type", "media/mime", u"image/png"_s);
    row("media file_size as string", "media/size", u"29"_s);
    row("media download status", "media/status", 200);
    row("media download content type", "media/contentType", u"image/png"_s);
    row("media bytes round-trip", "media/same", true);
    row("media deleted", "media/deleted", true);
    row("media gone after delete", "media/afterDelete", 100);
    row("status callback data echoed", "statuses/callback", u"fc-node-1"_s);
    row("status recipient", "statuses/phone", u"16505551234"_s);
    row("inbound from", "inbound/from", u"5511987654321"_s);
    row("inbound profile name", "inbound/name", u"José"_s);
    row("inbound type", "inbound/type", u"text"_s);
    row("inbound text", "inbound/text", u"Olá 👋 veja https://x.co/a"_s);
    row("inbound body is ASCII", "inbound/ascii", true);
    row("inbound slashes escaped", "inbound/escapedSlash", true);
    row("every webhook verified", "signatures/refused", 0);
    row("replayed bytes still verify", "signatures/replayed", true);
    row("tampered body refused", "signatures/tampered", u"WhatsAppAPIFailedToVerifyError"_s);
}

void TestMetaNodeClient::clientSaw()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);
    QCOMPARE(at(m_result, path), expected);
}

void TestMetaNodeClient::statusesReachedTheLibrary_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("text message") << u"statuses/text"_s;
    QTest::newRow("template message") << u"statuses/template"_s;
}

void TestMetaNodeClient::statusesReachedTheLibrary()
{
    QFETCH(QString, path);
    // Separate POSTs may overtake each other, as Meta's do (§8.4); the set is what must arrive.
    QStringList statuses;
    for (const QJsonValue& status : at(m_result, path).toArray()) {
        statuses.append(status.toString());
    }
    statuses.sort();
    QCOMPARE(statuses, (QStringList{u"delivered"_s, u"read"_s, u"sent"_s}));
    QVERIFY(at(m_result, u"signatures/verified"_s).toInt() >= 7); // six statuses and one inbound message
}

QTEST_GUILESS_MAIN(TestMetaNodeClient)
#include "TestMetaNodeClient.moc"
