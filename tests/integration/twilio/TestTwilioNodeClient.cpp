#include "tests/support/ClientLibraries.h"
#include "tests/support/TestData.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace
{

const QString kAccountSid = u"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s;
const QString kAuthToken = u"emu_auth_token_0123456789abcdef"_s;

} // namespace

// The real flowchat-emulator binary driven by the official twilio-node client
// (tests/integration/node/twilio-client.js), which also validates every callback with
// twilio.validateRequest. The script runs once; each test asserts on part of its report.
class TestTwilioNodeClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void messagesCreated();
    void templates();
    void errors_data();
    void errors();
    void statusCallbacksSigned();
    void inboundWebhook();

private:
    QJsonArray callbacksAt(const QString& path) const;

    QProcess m_emulator;
    QJsonObject m_result;
};

void TestTwilioNodeClient::initTestCase()
{
    const QString modules = clientLibraryDir() + u"/node_modules"_s;
    if (!QFileInfo::exists(modules + u"/twilio/package.json"_s)) {
        FLOWCHAT_SKIP_WITHOUT_CLIENT_LIBRARY(
            qPrintable(u"twilio-node is not installed in "_s + modules
                       + u" (scripts/test.sh runs npm ci there from tests/integration/node/package.json)"_s));
    }
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    if (node.isEmpty()) {
        FLOWCHAT_SKIP_WITHOUT_CLIENT_LIBRARY("node is not on PATH");
    }
    const QString emulator = QStringLiteral(FLOWCHAT_BIN_DIR) + u"/flowchat-emulator"_s;
    QVERIFY2(QFileInfo::exists(emulator), qPrintable(emulator + u" is not built"_s));

    m_emulator.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_emulator.start(emulator,
                     {u"--provider"_s,
                      u"twilio"_s,
                      u"--listen"_s,
                      u"127.0.0.1:0"_s,
                      u"--account-sid"_s,
                      kAccountSid,
                      u"--auth-token"_s,
                      kAuthToken,
                      u"--status-delay-ms"_s,
                      u"20"_s});
    QVERIFY(m_emulator.waitForStarted(5'000));
    // The emulator prints "listening on http://127.0.0.1:<port>" once it is ready.
    static const QRegularExpression listening(u"listening on (http://\\S+)"_s);
    QByteArray banner;
    const auto bannerMatch = [&] {
        banner += m_emulator.readAllStandardOutput();
        return listening.match(QString::fromUtf8(banner));
    };
    QTRY_VERIFY_WITH_TIMEOUT(bannerMatch().hasMatch(), 10'000);
    const QString base = listening.match(QString::fromUtf8(banner)).captured(1);

    QProcess client;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"NODE_PATH"_s, modules);
    client.setProcessEnvironment(env);
    client.setProcessChannelMode(QProcess::SeparateChannels);
    QSignalSpy finished(&client, &QProcess::finished);
    client.start(node, {testDataPath(u"integration/node/twilio-client.js"_s), base, kAccountSid, kAuthToken});
    QVERIFY(finished.wait(60'000));
    const QByteArray out = client.readAllStandardOutput();
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0, QByteArray(out + err).constData());

    for (const QByteArray& line : out.split('\n')) {
        if (line.startsWith("RESULT ")) {
            m_result = QJsonDocument::fromJson(line.mid(7)).object();
        }
    }
    QVERIFY2(!m_result.isEmpty(), QByteArray(out + err).constData());
}

void TestTwilioNodeClient::cleanupTestCase()
{
    if (m_emulator.state() != QProcess::NotRunning) {
        m_emulator.terminate();
        if (!m_emulator.waitForFinished(5'000)) {
            m_emulator.kill();
            m_emulator.waitForFinished(5'000);
        }
    }
}

QJsonArray TestTwilioNodeClient::callbacksAt(const QString& path) const
{
    QJsonArray selected;
    for (const QJsonValue& value : m_result.value(u"callbacks"_s).toArray()) {
        if (value.toObject().value(u"path"_s).toString() == path) {
            selected.append(value);
        }
    }
    return selected;
}

void TestTwilioNodeClient::messagesCreated()
{
    const QJsonObject text = m_result.value(u"text"_s).toObject();
    QVERIFY(text.value(u"sid"_s).toString().startsWith(u"SM"_s));
    QCOMPARE(text.value(u"status"_s).toString(), u"queued"_s);
    QCOMPARE(text.value(u"body"_s).toString(), u"Hi +1 & welcome"_s); // '+' and '&' survived both encodings
    QCOMPARE(text.value(u"to"_s).toString(), u"whatsapp:+14155550100"_s);
    QCOMPARE(text.value(u"from"_s).toString(), u"whatsapp:+14155238886"_s);
    QCOMPARE(text.value(u"direction"_s).toString(), u"outbound-api"_s);
    QCOMPARE(text.value(u"numMedia"_s).toString(), u"0"_s);
    QCOMPARE(text.value(u"numSegments"_s).toString(), u"1"_s);
    QVERIFY(text.value(u"dateCreatedIsDate"_s).toBool());
    QVERIFY(text.value(u"dateSent"_s).isNull());
    QVERIFY(text.value(u"errorCode"_s).isNull());
    QCOMPARE(text.value(u"uri"_s).toString(),
             u"/2010-04-01/Accounts/"_s + kAccountSid + u"/Messages/"_s + text.value(u"sid"_s).toString() + u".json"_s);

    const QJsonObject media = m_result.value(u"media"_s).toObject();
    QVERIFY(media.value(u"sid"_s).toString().startsWith(u"MM"_s));
    QCOMPARE(media.value(u"numMedia"_s).toString(), u"2"_s);
    const QJsonArray mediaList = m_result.value(u"mediaList"_s).toArray();
    QCOMPARE(mediaList.size(), 2);
    QStringList types;
    for (const QJsonValue& item : mediaList) {
        QCOMPARE(item.toObject().value(u"parentSid"_s).toString(), media.value(u"sid"_s).toString());
        QCOMPARE(item.toObject().value(u"sidPrefix"_s).toString(), u"ME"_s);
        types.append(item.toObject().value(u"contentType"_s).toString());
    }
    types.sort();
    QCOMPARE(types, (QStringList{u"image/jpeg"_s, u"image/png"_s}));

    const QJsonObject fetched = m_result.value(u"fetched"_s).toObject();
    QCOMPARE(fetched.value(u"sid"_s).toString(), text.value(u"sid"_s).toString());
    // Newest first, three of them across two pages of two.
    const QJsonArray listed = m_result.value(u"listed"_s).toArray();
    QCOMPARE(listed.size(), 3);
    QCOMPARE(listed.at(0).toString(), m_result.value(u"template"_s).toObject().value(u"sid"_s).toString());
    QCOMPARE(listed.at(2).toString(), text.value(u"sid"_s).toString());
}

void TestTwilioNodeClient::templates()
{
    const QJsonObject tmpl = m_result.value(u"template"_s).toObject();
    QVERIFY(tmpl.value(u"sid"_s).toString().startsWith(u"SM"_s));
    QCOMPARE(tmpl.value(u"body"_s).toString(), u"Hi John, your order A-123 has shipped."_s);

    QCOMPARE(m_result.value(u"contents"_s).toArray().toVariantList(),
             (QVariantList{u"order_update"_s,
                           u"summer_sale"_s,
                           u"appointment_reminder"_s,
                           u"order_update"_s,
                           u"flash_promo"_s,
                           u"draft_notice"_s}));
    QVERIFY(m_result.value(u"contentDatesAreDates"_s).toBool());
    QCOMPARE(m_result.value(u"approvals"_s).toArray().toVariantList(),
             (QVariantList{u"order_update/en/approved"_s,
                           u"summer_sale/en/pending"_s,
                           u"appointment_reminder/en/approved"_s,
                           u"order_update/pt_BR/approved"_s,
                           u"flash_promo/en/rejected"_s,
                           u"draft_notice/en/unsubmitted"_s}));
    const QJsonObject approval = m_result.value(u"approvalFetch"_s).toObject();
    QCOMPARE(approval.value(u"name"_s).toString(), u"appointment_reminder"_s);
    QCOMPARE(approval.value(u"status"_s).toString(), u"approved"_s);
    QCOMPARE(approval.value(u"category"_s).toString(), u"UTILITY"_s);
}

void TestTwilioNodeClient::errors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    QTest::newRow("21211 invalid To") << u"invalidTo"_s << 400 << 21211;
    QTest::newRow("21656 ContentVariables not JSON") << u"badVariables"_s << 400 << 21656;
    QTest::newRow("21655 unknown ContentSid") << u"unknownContent"_s << 400 << 21655;
    QTest::newRow("21602 no Body") << u"noBody"_s << 400 << 21602;
    QTest::newRow("20003 bad credentials") << u"badCredentials"_s << 401 << 20003;
    QTest::newRow("20404 unknown message") << u"notFound"_s << 404 << 20404;
}

void TestTwilioNodeClient::errors()
{
    QFETCH(QString, name);
    QFETCH(int, status);
    QFETCH(int, code);
    const QJsonObject error = m_result.value(u"errors"_s).toObject().value(name).toObject();
    QVERIFY2(!error.isEmpty(), "twilio-node did not raise");
    QCOMPARE(error.value(u"status"_s).toInt(), status);
    QCOMPARE(error.value(u"code"_s).toInt(), code);
    // RestException filled from the classic body (not "[HTTP 400] Failed to execute request").
    QCOMPARE(error.value(u"moreInfo"_s).toString(), u"https://www.twilio.com/docs/errors/%1"_s.arg(code));
    QVERIFY(!error.value(u"message"_s).toString().startsWith(u"[HTTP"_s));
}

void TestTwilioNodeClient::statusCallbacksSigned()
{
    QVERIFY(m_result.value(u"callbacksComplete"_s).toBool());
    const QJsonArray callbacks = callbacksAt(u"/status"_s);
    QCOMPARE(callbacks.size(), 9);
    QHash<QString, QStringList> statusesBySid;
    for (const QJsonValue& value : callbacks) {
        const QJsonObject callback = value.toObject();
        QVERIFY2(callback.value(u"valid"_s).toBool(), "twilio.validateRequest refused a callback");
        QVERIFY(!callback.value(u"validWithoutQuery"_s).toBool()); // the query is part of what was signed
        QVERIFY(!callback.value(u"forgedValid"_s).toBool());
        QCOMPARE(callback.value(u"contentType"_s).toString(), u"application/x-www-form-urlencoded"_s);
        QCOMPARE(callback.value(u"channelToAddress"_s).toString(), u"+14155550100"_s);
        statusesBySid[callback.value(u"sid"_s).toString()].append(callback.value(u"status"_s).toString());
    }
    QCOMPARE(statusesBySid.size(), 3);
    // Each message got sent, delivered and read once; arrival order is not guaranteed (§2.4).
    for (QStringList statuses : std::as_const(statusesBySid)) {
        statuses.sort();
        QCOMPARE(statuses, (QStringList{u"delivered"_s, u"read"_s, u"sent"_s}));
    }
}

void TestTwilioNodeClient::inboundWebhook()
{
    QCOMPARE(m_result.value(u"inboundAdminStatus"_s).toInt(), 200);
    QVERIFY(m_result.value(u"inboundArrived"_s).toBool());
    const QJsonArray inbound = callbacksAt(u"/inbound"_s);
    QCOMPARE(inbound.size(), 1);
    const QJsonObject hook = inbound.first().toObject();
    QVERIFY2(hook.value(u"valid"_s).toBool(), "twilio.validateRequest refused the inbound webhook");
    QVERIFY(hook.value(u"sid"_s).toString().startsWith(u"MM"_s));
    QCOMPARE(hook.value(u"status"_s).toString(), u"received"_s);
    QCOMPARE(hook.value(u"body"_s).toString(), u"Olá 👋 + ajuda & mais"_s);
    QCOMPARE(hook.value(u"profileName"_s).toString(), u"José"_s);
    QCOMPARE(hook.value(u"waId"_s).toString(), u"5511987654321"_s);
    QCOMPARE(hook.value(u"numMedia"_s).toString(), u"1"_s);
    QCOMPARE(hook.value(u"mediaContentType0"_s).toString(), u"image/png"_s);

    const QJsonObject media = m_result.value(u"inboundMedia"_s).toObject();
    QCOMPARE(media.value(u"status"_s).toInt(), 200);
    QVERIFY(media.value(u"redirected"_s).toBool());
    QCOMPARE(media.value(u"contentType"_s).toString(), u"image/png"_s);
    QVERIFY(media.value(u"png"_s).toBool());
    QCOMPARE(m_result.value(u"inboundMediaWithoutAuth"_s).toInt(), 401);
}

QTEST_GUILESS_MAIN(TestTwilioNodeClient)
#include "TestTwilioNodeClient.moc"
