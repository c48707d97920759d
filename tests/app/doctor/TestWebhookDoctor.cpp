// `flowchat doctor`: the signature diagnoses as pure functions, then whole runs against a live
// in-process receiver (and against none).
#include "app/doctor/SignatureDiagnosis.h"
#include "app/doctor/WebhookDoctor.h"
#include "tests/support/ApiTestSupport.h"

#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(WebhookLogEntry)

using namespace ApiTest;

namespace
{

const QString kOtherToken = QStringLiteral("ffffffffffffffffffffffffffffffff");

// A refused Twilio request as the webhook log keeps it.
WebhookLogEntry twilioEntry(const QString& arrivedAt,
                            const QString& signedUrl,
                            const QJsonObject& headers,
                            const QString& token = kAuthToken,
                            const QString& accountSid = kAccountSid)
{
    const Form::Fields fields{{QStringLiteral("AccountSid"), accountSid},
                              {QStringLiteral("Body"), QStringLiteral("Olá")},
                              {QStringLiteral("From"), QStringLiteral("whatsapp:+14155550100")},
                              {QStringLiteral("MessageSid"), QStringLiteral("SM") + QString(32, QLatin1Char('c'))}};
    WebhookLogEntry entry;
    entry.id = 7;
    entry.provider = QStringLiteral("twilio");
    entry.verdict = WebhookLogEntry::Verdict::Refused;
    entry.url = arrivedAt;
    entry.body = Form::encode(fields);
    entry.headers = headers;
    if (!signedUrl.isEmpty()) {
        entry.headers.insert(QStringLiteral("x-twilio-signature"),
                             QString::fromLatin1(TwilioSignature::sign(token, signedUrl, fields)));
    }
    return entry;
}

WebhookLogEntry metaEntry(const QByteArray& body, const QByteArray& key, const QJsonObject& headers = {})
{
    WebhookLogEntry entry;
    entry.id = 9;
    entry.provider = QStringLiteral("meta");
    entry.verdict = WebhookLogEntry::Verdict::Refused;
    entry.url = QStringLiteral("http://127.0.0.1:8080/api/whatsapp/webhook");
    entry.body = body;
    entry.headers = headers;
    entry.headers.insert(QStringLiteral("x-hub-signature-256"), QString::fromLatin1(MetaSignature::sign(key, body)));
    return entry;
}

const QByteArray kMetaBody = metaInbound(QStringLiteral("+5511987654321"),
                                         QStringLiteral("Olá 👋 veja https://x.co/a"),
                                         kAppSecret,
                                         QStringLiteral("wamid.fixed"))
                                 .body;

} // namespace

class TestWebhookDoctor : public QObject
{
    Q_OBJECT

private slots:
    void twilioDiagnosis_data();
    void twilioDiagnosis();
    void twilioCandidatesHaveNoDuplicates();
    void metaDiagnosis_data();
    void metaDiagnosis();
    void allPassAgainstLiveReceiver();
    void findsRefusedWebhooksAndUnreachablePublicUrl();
    void failsWithoutReceiver();

private:
    struct Run
    {
        bool finished = false;
        bool allPassed = false;
        QStringList lines;
    };
    static Run runDoctor(const Config& config);
};

void TestWebhookDoctor::twilioDiagnosis_data()
{
    QTest::addColumn<WebhookLogEntry>("entry");
    QTest::addColumn<QString>("publicUrl");
    QTest::addColumn<bool>("explained");
    QTest::addColumn<bool>("fixedSince");
    QTest::addColumn<QString>("signedUrl"); // empty: none found
    QTest::addColumn<QString>("fixContains");

    const QString local = QStringLiteral("http://127.0.0.1:8080/api/whatsapp/webhook");
    const QJsonObject behindProxy{{QStringLiteral("host"), QStringLiteral("127.0.0.1:8080")},
                                  {QStringLiteral("x-forwarded-host"), QStringLiteral("chat.example.com")},
                                  {QStringLiteral("x-forwarded-proto"), QStringLiteral("https")}};

    QTest::newRow("https signed, public URL says http")
        << twilioEntry(local, QStringLiteral("https://chat.example.com/api/whatsapp/webhook"), behindProxy)
        << QStringLiteral("http://chat.example.com") << true << false
        << QStringLiteral("https://chat.example.com/api/whatsapp/webhook")
        << QStringLiteral("FLOWCHAT_PUBLIC_URL=https://chat.example.com ");
    QTest::newRow("no public URL, behind a proxy")
        << twilioEntry(local, QStringLiteral("https://chat.example.com/api/whatsapp/webhook"), behindProxy) << QString()
        << true << false << QStringLiteral("https://chat.example.com/api/whatsapp/webhook")
        << QStringLiteral("FLOWCHAT_PUBLIC_URL=https://chat.example.com ");
    QTest::newRow("Host header only, explicit port")
        << twilioEntry(local,
                       QStringLiteral("https://chat.example.com:8443/api/whatsapp/webhook"),
                       {{QStringLiteral("host"), QStringLiteral("chat.example.com:8443")}})
        << QStringLiteral("https://chat.example.com") << true << false
        << QStringLiteral("https://chat.example.com:8443/api/whatsapp/webhook")
        << QStringLiteral("FLOWCHAT_PUBLIC_URL=https://chat.example.com:8443 ");
    QTest::newRow("default port written out")
        << twilioEntry(local, QStringLiteral("https://chat.example.com:443/api/whatsapp/webhook"), behindProxy)
        << QStringLiteral("http://chat.example.com") << true << false
        << QStringLiteral("https://chat.example.com:443/api/whatsapp/webhook")
        << QStringLiteral("FLOWCHAT_PUBLIC_URL=https://chat.example.com:443");
    QTest::newRow("trailing slash in the Twilio console")
        << twilioEntry(local, QStringLiteral("https://chat.example.com/api/whatsapp/webhook/"), behindProxy)
        << QStringLiteral("https://chat.example.com") << true << false
        << QStringLiteral("https://chat.example.com/api/whatsapp/webhook/") << QStringLiteral("Twilio console");
    QTest::newRow("query string kept")
        << twilioEntry(local + QStringLiteral("?provider=twilio"),
                       QStringLiteral("https://chat.example.com/api/whatsapp/webhook?provider=twilio"),
                       behindProxy)
        << QStringLiteral("http://chat.example.com") << true << false
        << QStringLiteral("https://chat.example.com/api/whatsapp/webhook?provider=twilio")
        << QStringLiteral("FLOWCHAT_PUBLIC_URL=https://chat.example.com ");
    QTest::newRow("path prefix stripped by the proxy")
        << twilioEntry(local,
                       QStringLiteral("https://example.com/flowchat/api/whatsapp/webhook"),
                       {{QStringLiteral("host"), QStringLiteral("example.com")},
                        {QStringLiteral("x-forwarded-proto"), QStringLiteral("https")}})
        << QStringLiteral("http://example.com/flowchat") << true << false
        << QStringLiteral("https://example.com/flowchat/api/whatsapp/webhook")
        << QStringLiteral("FLOWCHAT_PUBLIC_URL=https://example.com/flowchat ");
    QTest::newRow("fixed since") << twilioEntry(
        local, QStringLiteral("https://chat.example.com/api/whatsapp/webhook"), behindProxy)
                                 << QStringLiteral("https://chat.example.com") << true << true
                                 << QStringLiteral("https://chat.example.com/api/whatsapp/webhook")
                                 << QStringLiteral("replay-webhook 7");
    QTest::newRow("wrong auth token") << twilioEntry(
        local, QStringLiteral("https://chat.example.com/api/whatsapp/webhook"), behindProxy, kOtherToken)
                                      << QStringLiteral("https://chat.example.com") << false << false << QString()
                                      << QStringLiteral("TWILIO_AUTH_TOKEN");
    QTest::newRow("another account") << twilioEntry(local,
                                                    QStringLiteral("https://chat.example.com/api/whatsapp/webhook"),
                                                    behindProxy,
                                                    kOtherToken,
                                                    QStringLiteral("AC") + QString(32, QLatin1Char('b')))
                                     << QStringLiteral("https://chat.example.com") << true << false << QString()
                                     << QStringLiteral("TWILIO_ACCOUNT_SID");
    QTest::newRow("no signature") << twilioEntry(local, QString(), behindProxy)
                                  << QStringLiteral("https://chat.example.com") << true << false << QString()
                                  << QString();
}

void TestWebhookDoctor::twilioDiagnosis()
{
    QFETCH(WebhookLogEntry, entry);
    QFETCH(QString, publicUrl);
    QFETCH(bool, explained);
    QFETCH(bool, fixedSince);
    QFETCH(QString, signedUrl);
    QFETCH(QString, fixContains);

    const SignatureDiagnosis::Finding finding =
        SignatureDiagnosis::twilio(entry, {kAuthToken, kAccountSid, QUrl(publicUrl)});
    QVERIFY2(finding.explained == explained, qPrintable(finding.summary));
    QCOMPARE(finding.fixedSince, fixedSince);
    QCOMPARE(finding.signedUrl, signedUrl);
    QVERIFY(!finding.summary.isEmpty());
    QVERIFY2(QString(finding.fix + QLatin1Char(' ')).contains(fixContains), qPrintable(finding.fix));
    QVERIFY(!finding.summary.contains(kAuthToken) && !finding.fix.contains(kAuthToken));
}

void TestWebhookDoctor::twilioCandidatesHaveNoDuplicates()
{
    const WebhookLogEntry entry = twilioEntry(QStringLiteral("http://127.0.0.1:8080/api/whatsapp/webhook?a=1"),
                                              QString(),
                                              {{QStringLiteral("host"), QStringLiteral("chat.example.com")},
                                               {QStringLiteral("x-forwarded-proto"), QStringLiteral("https, http")}});
    const QStringList candidates =
        SignatureDiagnosis::twilioUrlCandidates(entry, QUrl(QStringLiteral("https://chat.example.com")));
    QCOMPARE(candidates.first(), QStringLiteral("https://chat.example.com/api/whatsapp/webhook?a=1"));
    QCOMPARE(QSet<QString>(candidates.begin(), candidates.end()).size(), candidates.size());
    for (const QString& expected : {QStringLiteral("http://chat.example.com/api/whatsapp/webhook?a=1"),
                                    QStringLiteral("https://chat.example.com:443/api/whatsapp/webhook"),
                                    QStringLiteral("https://chat.example.com/api/whatsapp/webhook/?a=1"),
                                    QStringLiteral("http://127.0.0.1:8080/api/whatsapp/webhook?a=1")}) {
        QVERIFY2(candidates.contains(expected), qPrintable(expected));
    }
}

void TestWebhookDoctor::metaDiagnosis_data()
{
    QTest::addColumn<WebhookLogEntry>("entry");
    QTest::addColumn<QString>("appSecret"); // configured now
    QTest::addColumn<bool>("explained");
    QTest::addColumn<QString>("summaryContains");

    QTest::newRow("signed with the access token")
        << metaEntry(kMetaBody, kAccessToken.toUtf8()) << QStringLiteral("some-other-secret") << true
        << QStringLiteral("the access token (WHATSAPP_API_TOKEN)");
    QTest::newRow("signed with the verify token")
        << metaEntry(kMetaBody, kVerifyToken.toUtf8()) << QStringLiteral("some-other-secret") << true
        << QStringLiteral("the verify token");
    QTest::newRow("app secret holds the access token")
        << metaEntry(kMetaBody, kAppSecret.toUtf8()) << kAccessToken << true
        << QStringLiteral("WHATSAPP_APP_SECRET holds the access token");
    QTest::newRow("fixed since") << metaEntry(kMetaBody, kAppSecret.toUtf8()) << kAppSecret << true
                                 << QStringLiteral("verifies with the current");

    // A proxy decoded Meta's escapes (including \/), so even the re-escaped body differs.
    WebhookLogEntry decoded = metaEntry(kMetaBody, kAppSecret.toUtf8());
    decoded.body = QJsonDocument::fromJson(kMetaBody).toJson(QJsonDocument::Compact);
    QTest::newRow("body decoded by a proxy")
        << decoded << QStringLiteral("wrong-secret") << true << QStringLiteral("raw non-ASCII");

    WebhookLogEntry truncated = metaEntry(
        kMetaBody, kAppSecret.toUtf8(), {{QStringLiteral("content-length"), QString::number(kMetaBody.size() + 10)}});
    QTest::newRow("body shorter than announced")
        << truncated << QStringLiteral("wrong-secret") << true << QStringLiteral("altered");

    const QByteArray pretty =
        QJsonDocument::fromJson(metaStatus(QStringLiteral("wamid.x"), QStringLiteral("read")).body)
            .toJson(QJsonDocument::Indented);
    QTest::newRow("re-serialised JSON") << metaEntry(pretty, QByteArray("unknown")) << QStringLiteral("wrong-secret")
                                        << true << QStringLiteral("re-serialised");
    QTest::newRow("unknown secret") << metaEntry(kMetaBody, QByteArray("unknown-key")) << QStringLiteral("wrong-secret")
                                    << false << QStringLiteral("No secret we know matches");
    WebhookLogEntry unsigned_ = metaEntry(kMetaBody, QByteArray("x"));
    unsigned_.headers.remove(QStringLiteral("x-hub-signature-256"));
    QTest::newRow("no signature") << unsigned_ << kAppSecret << true << QStringLiteral("no X-Hub-Signature-256");
}

void TestWebhookDoctor::metaDiagnosis()
{
    QFETCH(WebhookLogEntry, entry);
    QFETCH(QString, appSecret);
    QFETCH(bool, explained);
    QFETCH(QString, summaryContains);

    const SignatureDiagnosis::Finding finding =
        SignatureDiagnosis::meta(entry, {appSecret, kAccessToken, kVerifyToken});
    QVERIFY2(finding.explained == explained, qPrintable(finding.summary));
    QVERIFY2(finding.summary.contains(summaryContains), qPrintable(finding.summary));
    for (const QString& secret : {kAccessToken, kVerifyToken, kAppSecret}) {
        QVERIFY(!finding.summary.contains(secret) && !finding.fix.contains(secret));
    }
}

TestWebhookDoctor::Run TestWebhookDoctor::runDoctor(const Config& config)
{
    Run run;
    WebhookDoctor::Options options;
    options.timeoutMs = 3000;
    WebhookDoctor doctor(config, options);
    QObject::connect(&doctor, &WebhookDoctor::line, &doctor, [&run](const QString& line) { run.lines.append(line); });
    QObject::connect(&doctor, &WebhookDoctor::finished, &doctor, [&run](bool allPassed) {
        run.finished = true;
        run.allPassed = allPassed;
    });
    doctor.run();
    if (!QTest::qWaitFor([&run] { return run.finished; }, 20000)) {
        run.lines.append(QStringLiteral("(the doctor did not finish in time)"));
    }
    return run;
}

void TestWebhookDoctor::allPassAgainstLiveReceiver()
{
    QTemporaryDir dir;
    Stack stack(Flavour::Twilio, dir.path());
    QCOMPARE(stack.start(), QString());
    Client client(stack.baseUrl());
    QCOMPARE(postWebhook(client, twilioInbound(stack.webhookUrl(), kCustomer, QStringLiteral("hi"))).status, 200);

    const Run run = runDoctor(stack.config());
    QVERIFY(run.finished);
    QVERIFY2(run.allPassed, qPrintable(run.lines.join(u'\n')));
    const QString text = run.lines.join(u'\n');
    for (const QString& check : {QStringLiteral("PASS  Configuration"),
                                 QStringLiteral("PASS  Provider: twilio answers"),
                                 QStringLiteral("PASS  Receiver: listening on"),
                                 QStringLiteral("PASS  Public URL"),
                                 QStringLiteral("PASS  Webhook log")}) {
        QVERIFY2(text.contains(check), qPrintable(text));
    }
    QVERIFY(!text.contains(kAuthToken) && !text.contains(kApiToken));
}

void TestWebhookDoctor::findsRefusedWebhooksAndUnreachablePublicUrl()
{
    QTemporaryDir dir;
    Stack stack(Flavour::Twilio, dir.path());
    QCOMPARE(stack.start(), QString());
    Client client(stack.baseUrl());
    // Twilio calls through a TLS proxy and signs the https URL; FlowChat expects the http one.
    SignedWebhook viaProxy = twilioInbound(
        QUrl(QStringLiteral("https://chat.example.com/api/whatsapp/webhook")), kCustomer, QStringLiteral("hi"));
    viaProxy.headers.append(qMakePair(QByteArray("X-Forwarded-Proto"), QByteArray("https")));
    viaProxy.headers.append(qMakePair(QByteArray("X-Forwarded-Host"), QByteArray("chat.example.com")));
    QCOMPARE(postWebhook(client, viaProxy).status, 403);

    Config config = stack.config();
    config.set(ConfigKey::PublicUrl,
               QStringLiteral("http://127.0.0.1:%1").arg(freePort()),
               {Config::Source::CommandLine, QString()});
    const Run run = runDoctor(config);
    QVERIFY(run.finished);
    QVERIFY(!run.allPassed);
    const QString text = run.lines.join(u'\n');
    QVERIFY2(text.contains(QStringLiteral("PASS  Receiver")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("FAIL  Public URL"))
                 && text.contains(QStringLiteral("does not reach any server")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("FAIL  Webhook #")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Twilio signed the URL https://chat.example.com/api/whatsapp/webhook")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("FLOWCHAT_PUBLIC_URL=https://chat.example.com")), qPrintable(text));
}

void TestWebhookDoctor::failsWithoutReceiver()
{
    QTemporaryDir dir;
    Config config;
    const Config::Origin origin{Config::Source::CommandLine, QString()};
    config.set(ConfigKey::Provider, QStringLiteral("sandbox"), origin);
    config.set(ConfigKey::Listen, QStringLiteral("127.0.0.1:%1").arg(freePort()), origin);
    config.set(ConfigKey::Database, dir.path() + QStringLiteral("/none.sqlite"), origin);
    const Run run = runDoctor(config);
    QVERIFY(run.finished);
    QVERIFY(!run.allPassed);
    const QString text = run.lines.join(u'\n');
    QVERIFY2(text.contains(QStringLiteral("FAIL  Receiver: nothing answers")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("PASS  Provider: sandbox answers")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("PASS  Webhook log: no webhook has arrived yet")), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestWebhookDoctor)
#include "TestWebhookDoctor.moc"
