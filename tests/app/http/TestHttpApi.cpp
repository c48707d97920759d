// The local HTTP API and webhook receiver (architecture §7, issue 4 §2b/§3) over real loopback
// HTTP: every route, every error, both providers' signed webhooks answered only after the commit.
#include "app/http/WebhookSelfTest.h"
#include "app/store/MessageReader.h"
#include "tests/support/ApiTestSupport.h"
#include "tests/support/LogCapture.h"

#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

using namespace ApiTest;
using namespace Qt::StringLiterals;

using Headers = QList<QPair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(Headers)
Q_DECLARE_METATYPE(Error)

class TestHttpApi : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void healthNeedsNoToken();
    void bearerIsRequired_data();
    void bearerIsRequired();
    void unknownRoutesAreJson404_data();
    void unknownRoutesAreJson404();
    void sendIsValidated_data();
    void sendIsValidated();
    void bodyOverLimitIs413();
    void sendReachesRead_data();
    void sendReachesRead();
    void templateSendIsAccepted();
    void templateWithMediaHeaderNeedsItsFile();
    void messagesByContactPageNewestFirst();
    void templatesAreListed();
    void twilioWebhooks();
    void twilioWebhooksBehindAProxy_data();
    void twilioWebhooksBehindAProxy();
    void twilioPublicUrlStillDecides();
    void unauthorizedNamesWhereTheTokenIs();
    void statusFollowsTheErrorKind_data();
    void statusFollowsTheErrorKind();
    void metaWebhooks();
    void webhookIsReadableWhenAnswered_data();
    void webhookIsReadableWhenAnswered();
    void handshake_data();
    void handshake();
    void webhookLogAndReplay();
    void selfTestIsVerifiedNotStored();
    void storeFailureIs5xx();
    void survivesClientsHangingUp();
    void gracefulStopAnswersOwedWebhooks();
    void tokenNeverLogged();
    void hostRunsOnWorkerThread();
    void generatedTokenWhenNoneIsSet();

private:
    bool startStack(Flavour flavour, const QList<QPair<QString, QString>>& extra = {}, int storeBusyTimeoutMs = 5000);
    // GET /api/whatsapp/templates: the cached list (it comes from the provider at start).
    QJsonArray listedTemplates() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Stack> m_stack;
    std::unique_ptr<Client> m_client;
};

void TestHttpApi::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHttpApi::cleanup()
{
    m_client.reset();
    m_stack.reset();
    m_dir.reset();
}

QJsonArray TestHttpApi::listedTemplates() const
{
    return m_client->get(QStringLiteral("/api/whatsapp/templates")).json.value(QStringLiteral("templates")).toArray();
}

bool TestHttpApi::startStack(Flavour flavour, const QList<QPair<QString, QString>>& extra, int storeBusyTimeoutMs)
{
    m_stack = std::make_unique<Stack>(flavour, m_dir->path(), extra);
    const QString problem = m_stack->start(storeBusyTimeoutMs);
    if (!problem.isEmpty()) {
        qWarning("stack did not start: %s", qPrintable(problem));
        return false;
    }
    m_client = std::make_unique<Client>(m_stack->baseUrl());
    return true;
}

void TestHttpApi::healthNeedsNoToken()
{
    QVERIFY(startStack(Flavour::Twilio));
    const Response health = m_client->get(QStringLiteral("/api/health?selftest=abc"), std::nullopt);
    QVERIFY(health.finished);
    QCOMPARE(health.status, 200);
    QCOMPARE(health.contentType, QByteArray("application/json"));
    QCOMPARE(health.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(health.json.value(QStringLiteral("provider")).toString(), QStringLiteral("twilio"));
    QCOMPARE(health.json.value(QStringLiteral("database")).toString(), QStringLiteral("ok"));
    QCOMPARE(health.json.value(QStringLiteral("selftest")).toString(), QStringLiteral("abc"));
    QCOMPARE(health.json.value(QStringLiteral("instance")).toString(), m_stack->host()->api()->instanceId());
}

void TestHttpApi::bearerIsRequired_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("authorization"); // empty: no header

    const QList<QPair<QByteArray, QString>> routes{
        {"POST", QStringLiteral("/api/whatsapp/send")},
        {"POST", QStringLiteral("/api/whatsapp/send-template")},
        {"GET", QStringLiteral("/api/whatsapp/messages/1")},
        {"GET", QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100")},
        {"GET", QStringLiteral("/api/whatsapp/templates")},
        {"GET", QStringLiteral("/api/whatsapp/webhooks")},
        {"POST", QStringLiteral("/api/whatsapp/webhooks/1/replay")},
    };
    for (const auto& [method, path] : routes) {
        const QByteArray name = method + ' ' + path.toUtf8();
        QTest::newRow(QByteArray(name + ", no header").constData()) << method << path << QByteArray();
        QTest::newRow(QByteArray(name + ", wrong token").constData())
            << method << path << QByteArray("Bearer not-the-token");
        QTest::newRow(QByteArray(name + ", token as a prefix").constData())
            << method << path << QByteArray("Bearer " + kApiToken.toUtf8() + "x");
        QTest::newRow(QByteArray(name + ", basic scheme").constData())
            << method << path << QByteArray("Basic " + kApiToken.toUtf8());
    }
}

void TestHttpApi::bearerIsRequired()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, authorization);
    QVERIFY(startStack(Flavour::Twilio));

    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty()) {
        headers.append({"Authorization", authorization});
    }
    const Response response =
        m_client->send(method, path, "{}", method == "POST" ? "application/json" : QByteArray(), headers, std::nullopt);
    QVERIFY(response.finished);
    QCOMPARE(response.status, 401);
    QCOMPARE(response.errorCode(), QStringLiteral("unauthorized"));
}

void TestHttpApi::unknownRoutesAreJson404_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/api/nothing-here");
    QTest::newRow("message id not a number") << QByteArray("GET") << QStringLiteral("/api/whatsapp/messages/abc");
    QTest::newRow("GET on a POST route") << QByteArray("GET") << QStringLiteral("/api/whatsapp/send");
    QTest::newRow("trailing slash") << QByteArray("GET") << QStringLiteral("/api/health/");
    QTest::newRow("DELETE") << QByteArray("DELETE") << QStringLiteral("/api/whatsapp/messages/1");
}

void TestHttpApi::unknownRoutesAreJson404()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QVERIFY(startStack(Flavour::Twilio));
    const Response response = m_client->send(method, path);
    QVERIFY(response.finished);
    QCOMPARE(response.status, 404);
    QCOMPARE(response.contentType, QByteArray("application/json"));
    QCOMPARE(response.errorCode(), QStringLiteral("not_found"));
}

void TestHttpApi::sendIsValidated_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");

    const QString send = QStringLiteral("/api/whatsapp/send");
    const QString tmpl = QStringLiteral("/api/whatsapp/send-template");
    const QByteArray json("application/json");
    QTest::newRow("form body") << send << QByteArray("application/x-www-form-urlencoded")
                               << QByteArray("to=%2B1&body=x") << 415 << QString();
    QTest::newRow("text/plain") << send << QByteArray("text/plain") << QByteArray("{}") << 415 << QString();
    QTest::newRow("not JSON") << send << json << QByteArray("{to:") << 400 << QStringLiteral("body");
    QTest::newRow("JSON array") << send << json << QByteArray("[]") << 400 << QStringLiteral("body");
    QTest::newRow("no to") << send << json << QByteArray(R"({"body":"hi"})") << 400 << QStringLiteral("to");
    QTest::newRow("to is a number") << send << json << QByteArray(R"({"to":14155550100,"body":"hi"})") << 400
                                    << QStringLiteral("to");
    QTest::newRow("to is not a phone number")
        << send << json << QByteArray(R"({"to":"+12","body":"hi"})") << 400 << QStringLiteral("to");
    QTest::newRow("no body, no media") << send << json << QByteArray(R"({"to":"+14155550100"})") << 400
                                       << QStringLiteral("body");
    QTest::newRow("body too long") << send << json << R"({"to":"+14155550100","body":")" + QByteArray(4097, 'x') + "\"}"
                                   << 400 << QStringLiteral("body");
    QTest::newRow("media_url not a URL list")
        << send << json << QByteArray(R"({"to":"+14155550100","media_url":[1]})") << 400 << QStringLiteral("media_url");
    QTest::newRow("media_url ftp") << send << json
                                   << QByteArray(R"({"to":"+14155550100","type":"image","media_url":"ftp://x/y.png"})")
                                   << 400 << QStringLiteral("media_url");
    QTest::newRow("unknown type") << send << json
                                  << QByteArray(R"({"to":"+14155550100","body":"hi","type":"hologram"})") << 400
                                  << QStringLiteral("type");
    QTest::newRow("metadata not an object")
        << send << json << QByteArray(R"({"to":"+14155550100","body":"hi","metadata":"x"})") << 400
        << QStringLiteral("metadata");
    QTest::newRow("template: no name") << tmpl << json << QByteArray(R"({"to":"+14155550100","language_code":"en"})")
                                       << 400 << QStringLiteral("template_name");
    QTest::newRow("template: parameters not text")
        << tmpl << json << QByteArray(R"({"to":"+14155550100","template_name":"x","parameters":{"1":{}}})") << 400
        << QStringLiteral("parameters");
    QTest::newRow("template: form body") << tmpl << QByteArray("application/x-www-form-urlencoded") << QByteArray("a=b")
                                         << 415 << QString();
}

void TestHttpApi::sendIsValidated()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    QVERIFY(startStack(Flavour::Meta));

    const Response response = m_client->send("POST", path, body, contentType);
    QVERIFY(response.finished);
    QVERIFY2(response.status == status, response.body.constData());
    QVERIFY(response.json.value(QStringLiteral("error")).isObject());
    QVERIFY(!response.errorCode().isEmpty());
    if (!field.isEmpty()) {
        QCOMPARE(response.errorField(), field);
    }
    // Nothing was stored or sent.
    QCOMPARE(m_stack->emulator()->acceptedMessages().size(), 0);
}

void TestHttpApi::bodyOverLimitIs413()
{
    QVERIFY(startStack(Flavour::Meta, {{ConfigKey::BodyLimit, QStringLiteral("4096")}}));
    const QByteArray big = R"({"to":"+14155550100","body":")" + QByteArray(5000, 'x') + "\"}";
    const Response refused = m_client->send("POST", QStringLiteral("/api/whatsapp/send"), big, "application/json");
    QVERIFY(refused.finished);
    QCOMPARE(refused.status, 413);
    const Response webhook =
        m_client->send("POST", QStringLiteral("/api/whatsapp/webhook"), big, "application/json", {}, std::nullopt);
    QCOMPARE(webhook.status, 413);
    // The server is still serving.
    QCOMPARE(m_client->get(QStringLiteral("/api/health")).status, 200);
}

void TestHttpApi::sendReachesRead_data()
{
    addFlavourRows();
}

void TestHttpApi::sendReachesRead()
{
    QFETCH(Flavour, flavour);
    QVERIFY(startStack(flavour));

    const Response accepted =
        m_client->postJson(QStringLiteral("/api/whatsapp/send"),
                           {{QStringLiteral("to"), QStringLiteral("+1 415 555 0100")},
                            {QStringLiteral("body"), QStringLiteral("Olá 👋 from the API")},
                            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("ticket"), 42}}}});
    QVERIFY(accepted.finished);
    QVERIFY2(accepted.status == 202, accepted.body.constData());
    const qint64 id = accepted.json.value(QStringLiteral("id")).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(accepted.json.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));

    const QString path = QStringLiteral("/api/whatsapp/messages/%1").arg(id);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_client->get(path).json.value(QStringLiteral("status")).toString(), QStringLiteral("read"), 10000);
    const QJsonObject message = m_client->get(path).json;
    QCOMPARE(message.value(QStringLiteral("id")).toInteger(), id);
    QCOMPARE(message.value(QStringLiteral("direction")).toString(), QStringLiteral("outbound"));
    QCOMPARE(message.value(QStringLiteral("to")).toString(), kCustomer);
    QCOMPARE(message.value(QStringLiteral("body")).toString(), QStringLiteral("Olá 👋 from the API"));
    QCOMPARE(message.value(QStringLiteral("type")).toString(), QStringLiteral("text"));
    QCOMPARE(message.value(QStringLiteral("provider")).toString(),
             flavour == Flavour::Twilio ? QStringLiteral("twilio") : QStringLiteral("meta"));
    QVERIFY(!message.value(QStringLiteral("provider_message_id")).toString().isEmpty());
    QVERIFY(message.value(QStringLiteral("error")).isNull());
    QCOMPARE(message.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("ticket")).toInt(), 42);
    for (const QString& key : {QStringLiteral("from"),
                               QStringLiteral("template_name"),
                               QStringLiteral("parameters"),
                               QStringLiteral("media_url")}) {
        QVERIFY2(message.contains(key), qPrintable(key));
    }
    const QDateTime created =
        QDateTime::fromString(message.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
    const QDateTime updated =
        QDateTime::fromString(message.value(QStringLiteral("updated_at")).toString(), Qt::ISODateWithMs);
    QVERIFY(created.isValid());
    QCOMPARE(created.timeSpec(), Qt::UTC);
    QVERIFY(updated >= created);

    QStringList ladder;
    for (const QJsonValue& event : message.value(QStringLiteral("status_history")).toArray()) {
        ladder.append(event.toObject().value(QStringLiteral("status")).toString());
        QVERIFY(QDateTime::fromString(event.toObject().value(QStringLiteral("at")).toString(), Qt::ISODateWithMs)
                    .isValid());
    }
    QCOMPARE(ladder.first(), QStringLiteral("pending"));
    QVERIFY2(ladder.contains(QStringLiteral("sent")) && ladder.contains(QStringLiteral("delivered")),
             qPrintable(ladder.join(u',')));
    QCOMPARE(ladder.last(), QStringLiteral("read"));
    QCOMPARE(m_stack->emulator()->acceptedMessages().size(), 1);
}

void TestHttpApi::templateSendIsAccepted()
{
    QVERIFY(startStack(Flavour::Meta));
    // The cached list comes from the provider at start.
    QTRY_VERIFY_WITH_TIMEOUT(!listedTemplates().isEmpty(), 10000);
    QJsonObject chosen;
    for (const QJsonValue& value : listedTemplates()) {
        const QJsonObject t = value.toObject();
        if (t.value(QStringLiteral("status")).toString() == QLatin1String("approved")
            && t.value(QStringLiteral("parameter_format")).toString() != QLatin1String("NAMED")
            && t.value(QStringLiteral("header_format")).toString() != QLatin1String("IMAGE")) {
            chosen = t;
            break;
        }
    }
    QVERIFY(!chosen.isEmpty());
    QJsonObject parameters;
    const QJsonArray placeholders = chosen.value(QStringLiteral("placeholders")).toArray();
    for (const QJsonValue& key : placeholders) {
        parameters.insert(key.toString(), QString(QStringLiteral("value ") + key.toString()));
    }
    const Response accepted =
        m_client->postJson(QStringLiteral("/api/whatsapp/send-template"),
                           {{QStringLiteral("to"), kCustomer},
                            {QStringLiteral("template_name"), chosen.value(QStringLiteral("name"))},
                            {QStringLiteral("language_code"), chosen.value(QStringLiteral("language"))},
                            {QStringLiteral("parameters"), parameters}});
    QVERIFY2(accepted.status == 202, accepted.body.constData());
    const qint64 id = accepted.json.value(QStringLiteral("id")).toInteger();
    const QString path = QStringLiteral("/api/whatsapp/messages/%1").arg(id);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_client->get(path).json.value(QStringLiteral("status")).toString(), QStringLiteral("read"), 10000);
    const QJsonObject message = m_client->get(path).json;
    QCOMPARE(message.value(QStringLiteral("template_name")).toString(),
             chosen.value(QStringLiteral("name")).toString());
    QCOMPARE(message.value(QStringLiteral("parameters")).toObject().size(), placeholders.size());

    // A template the provider does not know, with the cache loaded, is refused by name.
    const Response unknown = m_client->postJson(QStringLiteral("/api/whatsapp/send-template"),
                                                {{QStringLiteral("to"), kCustomer},
                                                 {QStringLiteral("template_name"), QStringLiteral("no_such_template")},
                                                 {QStringLiteral("language_code"), QStringLiteral("en_US")}});
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.errorField(), QStringLiteral("template_name"));
}

void TestHttpApi::templateWithMediaHeaderNeedsItsFile()
{
    QVERIFY(startStack(Flavour::Meta));
    QTRY_VERIFY_WITH_TIMEOUT(!listedTemplates().isEmpty(), 10000);
    QJsonObject request{{QStringLiteral("to"), kCustomer},
                        {QStringLiteral("template_name"), QStringLiteral("delivery_photo")},
                        {QStringLiteral("language_code"), QStringLiteral("en_US")},
                        {QStringLiteral("parameters"), QJsonObject{{QStringLiteral("1"), QStringLiteral("Ana")}}}};
    // The list says which templates need a file for their header.
    bool listed = false;
    for (const QJsonValue& t : listedTemplates()) {
        listed = listed
                 || (t.toObject().value(QStringLiteral("name")).toString() == QLatin1String("delivery_photo")
                     && t.toObject().value(QStringLiteral("header_format")).toString() == QLatin1String("IMAGE"));
    }
    QVERIFY(listed);

    const Response missing = m_client->postJson(QStringLiteral("/api/whatsapp/send-template"), request);
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.errorField(), QStringLiteral("header_media_url"));
    request.insert(QStringLiteral("header_media_url"), QStringLiteral("ftp://cdn.example.com/parcel.jpg"));
    QCOMPARE(m_client->postJson(QStringLiteral("/api/whatsapp/send-template"), request).errorField(),
             QStringLiteral("header_media_url"));
    QCOMPARE(m_stack->emulator()->acceptedMessages().size(), 0);

    request.insert(QStringLiteral("header_media_url"), QStringLiteral("https://cdn.example.com/parcel-4471.jpg"));
    const Response accepted = m_client->postJson(QStringLiteral("/api/whatsapp/send-template"), request);
    QVERIFY2(accepted.status == 202, accepted.body.constData());
    const QString path =
        QStringLiteral("/api/whatsapp/messages/%1").arg(accepted.json.value(QStringLiteral("id")).toInteger());
    // The emulator refuses a media-header template without its file (132012): reaching read proves it went.
    QTRY_COMPARE_WITH_TIMEOUT(
        m_client->get(path).json.value(QStringLiteral("status")).toString(), QStringLiteral("read"), 10000);
    const QJsonObject wire =
        m_stack->emulator()->acceptedMessages().last().toObject().value(QStringLiteral("request")).toObject();
    const QJsonObject header = wire.value(QStringLiteral("template"))
                                   .toObject()
                                   .value(QStringLiteral("components"))
                                   .toArray()
                                   .first()
                                   .toObject();
    QCOMPARE(header.value(QStringLiteral("type")).toString(), QStringLiteral("header"));
    QCOMPARE(header.value(QStringLiteral("parameters"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("image"))
                 .toObject()
                 .value(QStringLiteral("link"))
                 .toString(),
             QStringLiteral("https://cdn.example.com/parcel-4471.jpg"));
}

void TestHttpApi::messagesByContactPageNewestFirst()
{
    QVERIFY(startStack(Flavour::Twilio));
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        const Response sent = m_client->postJson(
            QStringLiteral("/api/whatsapp/send"),
            {{QStringLiteral("to"), kCustomer}, {QStringLiteral("body"), QStringLiteral("m%1").arg(i)}});
        QCOMPARE(sent.status, 202);
        ids.append(sent.json.value(QStringLiteral("id")).toInteger());
    }
    const Response inbound =
        postWebhook(*m_client, twilioInbound(m_stack->webhookUrl(), kCustomer, QStringLiteral("reply")));
    QCOMPARE(inbound.status, 200);

    const Response first = m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100&limit=2"));
    QCOMPARE(first.status, 200);
    const QJsonArray page = first.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(page.size(), 2);
    QCOMPARE(page.at(0).toObject().value(QStringLiteral("direction")).toString(), QStringLiteral("inbound"));
    QCOMPARE(page.at(0).toObject().value(QStringLiteral("body")).toString(), QStringLiteral("reply"));
    QCOMPARE(page.at(0).toObject().value(QStringLiteral("from")).toString(), kCustomer);
    QCOMPARE(page.at(1).toObject().value(QStringLiteral("id")).toInteger(), ids.at(2));
    const qint64 before = first.json.value(QStringLiteral("next_before")).toInteger();
    QCOMPARE(before, ids.at(2));

    const Response second =
        m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100&limit=2&before=%1").arg(before));
    const QJsonArray rest = second.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(rest.size(), 2);
    QCOMPARE(rest.at(0).toObject().value(QStringLiteral("id")).toInteger(), ids.at(1));
    QCOMPARE(rest.at(1).toObject().value(QStringLiteral("id")).toInteger(), ids.at(0));
    // A '+' that arrived as a space, and a bare WhatsApp id, name the same contact.
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/messages?contact=+14155550100"))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             4);
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/messages?contact=14155550100"))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             4);
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B14155550199"))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             0);

    // Errors: each names its parameter; an unknown id is 404.
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/messages")).errorField(), QStringLiteral("contact"));
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/messages?contact=abc")).errorField(),
             QStringLiteral("contact"));
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100&limit=0")).errorField(),
             QStringLiteral("limit"));
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100&limit=x")).status, 400);
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100&before=-3")).errorField(),
             QStringLiteral("before"));
    const Response missing = m_client->get(QStringLiteral("/api/whatsapp/messages/999999"));
    QCOMPARE(missing.status, 404);
    QVERIFY(!missing.errorCode().isEmpty());
}

void TestHttpApi::templatesAreListed()
{
    QVERIFY(startStack(Flavour::Twilio));
    QTRY_VERIFY_WITH_TIMEOUT(!listedTemplates().isEmpty(), 10000);
    const QJsonObject first = listedTemplates().first().toObject();
    QCOMPARE(first.value(QStringLiteral("provider")).toString(), QStringLiteral("twilio"));
    QVERIFY(!first.value(QStringLiteral("name")).toString().isEmpty());
    QVERIFY(!first.value(QStringLiteral("language")).toString().isEmpty());
    QVERIFY(first.contains(QStringLiteral("status")));
}

void TestHttpApi::twilioWebhooksBehindAProxy_data()
{
    QTest::addColumn<QString>("signedOver");
    QTest::addColumn<Headers>("forwarding");
    QTest::addColumn<int>("status");

    const QString ngrok = QStringLiteral("https://flowchat-7f3a.ngrok-free.app/api/whatsapp/webhook");
    const Headers ngrokHeaders{{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "flowchat-7f3a.ngrok-free.app"}};
    QTest::newRow("ngrok, X-Forwarded-*") << ngrok << ngrokHeaders << 200;
    QTest::newRow("RFC 7239 Forwarded") << ngrok
                                        << Headers{{"Forwarded",
                                                    "for=203.0.113.7;proto=https;host=flowchat-7f3a.ngrok-free.app"}}
                                        << 200;
    QTest::newRow("a proxy on another port") << QStringLiteral("https://chat.example.com:8443/api/whatsapp/webhook")
                                             << Headers{{"X-Forwarded-Proto", "https"},
                                                        {"X-Forwarded-Host", "chat.example.com"},
                                                        {"X-Forwarded-Port", "8443"}}
                                             << 200;
    QTest::newRow("signed over the loopback URL, no proxy") << QString() << Headers{} << 200;
    QTest::newRow("signed over another URL than the headers name")
        << QStringLiteral("https://elsewhere.example/api/whatsapp/webhook") << ngrokHeaders << 403;
    QTest::newRow("signed over the proxy's URL, headers missing") << ngrok << Headers{} << 403;
    QTest::newRow("signed over http, forwarded as https")
        << QStringLiteral("http://flowchat-7f3a.ngrok-free.app/api/whatsapp/webhook") << ngrokHeaders << 403;
}

void TestHttpApi::twilioWebhooksBehindAProxy()
{
    QFETCH(QString, signedOver);
    QFETCH(Headers, forwarding);
    QFETCH(int, status);

    // The guide's Twilio keys and no FLOWCHAT_PUBLIC_URL, exposed through ngrok as the guide suggests.
    QVERIFY(startStack(Flavour::Twilio, {{ConfigKey::PublicUrl, QString()}}));
    const QUrl url = signedOver.isEmpty()
                         ? QUrl(m_stack->baseUrl().toString() + QStringLiteral("/api/whatsapp/webhook"))
                         : QUrl(signedOver);
    LogCapture log;
    SignedWebhook inbound = twilioInbound(url, kCustomer, QStringLiteral("through the tunnel"));
    inbound.headers.append(forwarding);
    QCOMPARE(postWebhook(*m_client, inbound).status, status);
    const QJsonArray stored = m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100"))
                                  .json.value(QStringLiteral("messages"))
                                  .toArray();
    QCOMPARE(stored.size(), status == 200 ? 1 : 0);
    if (status == 200) {
        // The log names the URL that matched, so the user can pin it.
        QUrl origin = url;
        origin.setPath(QString());
        QVERIFY2(log.contains(QStringLiteral("FLOWCHAT_PUBLIC_URL=") + origin.toString()),
                 qPrintable(log.lines().join(u'\n')));
    }
}

void TestHttpApi::twilioPublicUrlStillDecides()
{
    // With FLOWCHAT_PUBLIC_URL set, forwarding headers cannot name another URL.
    QVERIFY(startStack(Flavour::Twilio, {{ConfigKey::PublicUrl, QStringLiteral("https://chat.example.com")}}));
    const Headers ngrokHeaders{{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "flowchat-7f3a.ngrok-free.app"}};
    SignedWebhook overNgrok =
        twilioInbound(QUrl(QStringLiteral("https://flowchat-7f3a.ngrok-free.app/api/whatsapp/webhook")),
                      kCustomer,
                      QStringLiteral("x"));
    overNgrok.headers.append(ngrokHeaders);
    QCOMPARE(postWebhook(*m_client, overNgrok).status, 403);
    SignedWebhook overLoopback = twilioInbound(
        QUrl(m_stack->baseUrl().toString() + QStringLiteral("/api/whatsapp/webhook")), kCustomer, QStringLiteral("x"));
    QCOMPARE(postWebhook(*m_client, overLoopback).status, 403);
    SignedWebhook overPublic = twilioInbound(
        QUrl(QStringLiteral("https://chat.example.com/api/whatsapp/webhook")), kCustomer, QStringLiteral("public"));
    overPublic.headers.append(ngrokHeaders);
    QCOMPARE(postWebhook(*m_client, overPublic).status, 200);
}

void TestHttpApi::unauthorizedNamesWhereTheTokenIs()
{
    // The token given on the command line: the 401 says so (and never the token itself).
    QVERIFY(startStack(Flavour::Meta));
    const Response refused = m_client->get(QStringLiteral("/api/whatsapp/templates"), std::nullopt);
    QCOMPARE(refused.status, 401);
    const QString message =
        refused.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("--set FLOWCHAT_API_TOKEN")), qPrintable(message));
    QVERIFY(!QString::fromUtf8(refused.body).contains(kApiToken));
}

void TestHttpApi::statusFollowsTheErrorKind_data()
{
    QTest::addColumn<Error>("error");
    QTest::addColumn<int>("status");
    using K = Error::Kind;
    QTest::newRow("validation") << Error::validation(u"to"_s, u"bad"_s) << 400;
    QTest::newRow("outside window") << Error::make(K::OutsideWindow, u"131047"_s, u"closed"_s) << 400;
    QTest::newRow("unauthorized") << Error::unauthorized(u"no token"_s) << 401;
    QTest::newRow("bad signature") << Error::make(K::Authentication, u"signature_invalid"_s, u"no"_s) << 403;
    QTest::newRow("not found") << Error::notFound(u"store.not_found"_s, u"gone"_s) << 404;
    QTest::newRow("conflict") << Error::conflict(u"store.invalid_state"_s, u"already read"_s) << 409;
    QTest::newRow("media type") << Error::make(K::UnsupportedMediaType, u"unsupported_media_type"_s, u"json"_s) << 415;
    QTest::newRow("rate limited") << Error::make(K::RateLimited, u"130429"_s, u"slow"_s) << 429;
    QTest::newRow("internal") << Error::internal(u"store.sql"_s, u"disk I/O error"_s) << 500;
    QTest::newRow("provider down") << Error::make(K::ServerError, u"500"_s, u"oops"_s) << 502;
    QTest::newRow("unavailable") << Error::unavailable(u"store.closed"_s, u"closed"_s) << 503;
    QTest::newRow("configuration") << Error::configuration(u"X"_s, u"config.missing"_s, u"x"_s) << 503;
    // The code never decides: a store code on a validation error is still a 400.
    QTest::newRow("code does not decide") << Error::make(K::Validation, u"store.not_found"_s, u"x"_s) << 400;
    Error permanent = Error::make(K::Permanent, u"63016"_s, u"refused"_s);
    permanent.httpStatus = 422;
    QTest::newRow("permanent keeps the provider's status") << permanent << 422;
}

void TestHttpApi::statusFollowsTheErrorKind()
{
    QFETCH(Error, error);
    QFETCH(int, status);
    QCOMPARE(HttpApi::errorReply(error).status, status);
    QCOMPARE(QJsonDocument::fromJson(HttpApi::errorReply(error).body)
                 .object()
                 .value(u"error"_s)
                 .toObject()
                 .value(u"code"_s)
                 .toString(),
             error.code);
}

void TestHttpApi::twilioWebhooks()
{
    QVERIFY(startStack(Flavour::Twilio));
    const QUrl signedUrl = m_stack->webhookUrl(); // FLOWCHAT_PUBLIC_URL + path

    const SignedWebhook inbound =
        twilioInbound(signedUrl, QStringLiteral("+5511987654321"), QStringLiteral("Olá 👋 preciso de ajuda"));
    const Response accepted = postWebhook(*m_client, inbound);
    QVERIFY(accepted.finished);
    QCOMPARE(accepted.status, 200);
    // A redelivery is harmless.
    QCOMPARE(postWebhook(*m_client, inbound).status, 200);
    const QJsonArray messages = m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B5511987654321"))
                                    .json.value(QStringLiteral("messages"))
                                    .toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().toObject().value(QStringLiteral("body")).toString(),
             QStringLiteral("Olá 👋 preciso de ajuda"));
    QCOMPARE(messages.first().toObject().value(QStringLiteral("provider_message_id")).toString(),
             inbound.providerMessageId);

    // A status for a message we have not sent yet is kept and acknowledged.
    QCOMPARE(postWebhook(*m_client,
                         twilioStatus(signedUrl, QStringLiteral("SM") + randomHex(32), QStringLiteral("delivered")))
                 .status,
             200);

    // Signed with another token, signed over another URL, unsigned, or altered after signing: 403.
    QCOMPARE(
        postWebhook(*m_client,
                    twilioInbound(
                        signedUrl, kCustomer, QStringLiteral("x"), QStringLiteral("f00dfacef00dfacef00dfacef00dface")))
            .status,
        403);
    QCOMPARE(postWebhook(*m_client,
                         twilioInbound(QUrl(QStringLiteral("https://elsewhere.example/api/whatsapp/webhook")),
                                       kCustomer,
                                       QStringLiteral("x")))
                 .status,
             403);
    SignedWebhook unsigned_ = twilioInbound(signedUrl, kCustomer, QStringLiteral("x"));
    unsigned_.headers.clear();
    QCOMPARE(postWebhook(*m_client, unsigned_).status, 403);
    SignedWebhook altered = twilioInbound(signedUrl, kCustomer, QStringLiteral("pay 10"));
    altered.body.replace("pay%2010", "pay%2099");
    QCOMPARE(postWebhook(*m_client, altered).status, 403);
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100"))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             0);
}

void TestHttpApi::metaWebhooks()
{
    QVERIFY(startStack(Flavour::Meta));
    const SignedWebhook inbound =
        metaInbound(QStringLiteral("+5511987654321"), QStringLiteral("Olá 👋 veja https://x.co/a"));
    QCOMPARE(postWebhook(*m_client, inbound).status, 200);
    QCOMPARE(postWebhook(*m_client, inbound).status, 200);
    const QJsonArray messages = m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B5511987654321"))
                                    .json.value(QStringLiteral("messages"))
                                    .toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().toObject().value(QStringLiteral("body")).toString(),
             QStringLiteral("Olá 👋 veja https://x.co/a"));
    QCOMPARE(messages.first().toObject().value(QStringLiteral("contact_name")).toString(), QStringLiteral("José"));

    QCOMPARE(postWebhook(*m_client, metaStatus(QStringLiteral("wamid.") + randomHex(30), QStringLiteral("delivered")))
                 .status,
             200);

    // Forged (another secret, or the access token as the key), unsigned, altered: 403.
    QCOMPARE(
        postWebhook(*m_client, metaInbound(kCustomer, QStringLiteral("x"), QStringLiteral("not-the-secret"))).status,
        403);
    QCOMPARE(postWebhook(*m_client, metaInbound(kCustomer, QStringLiteral("x"), kAccessToken)).status, 403);
    SignedWebhook unsigned_ = metaInbound(kCustomer, QStringLiteral("x"));
    unsigned_.headers.clear();
    QCOMPARE(postWebhook(*m_client, unsigned_).status, 403);
    SignedWebhook altered = metaInbound(kCustomer, QStringLiteral("pay 10"));
    altered.body.replace("pay 10", "pay 99");
    QCOMPARE(postWebhook(*m_client, altered).status, 403);

    // Correctly signed but not a webhook: 400.
    SignedWebhook malformed;
    malformed.body = "{\"object\":";
    malformed.contentType = "application/json";
    malformed.headers = {{"X-Hub-Signature-256", MetaSignature::sign(kAppSecret.toUtf8(), malformed.body)}};
    QCOMPARE(postWebhook(*m_client, malformed).status, 400);
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100"))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             0);
}

void TestHttpApi::webhookIsReadableWhenAnswered_data()
{
    addFlavourRows();
}

void TestHttpApi::webhookIsReadableWhenAnswered()
{
    QFETCH(Flavour, flavour);
    QVERIFY(startStack(flavour));
    // 200 only after the commit: each message can be read the moment its webhook is answered,
    // from another connection to the file, with no waiting.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
    db.setDatabaseName(m_dir->path() + QStringLiteral("/flowchat.sqlite"));
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    QVERIFY(db.open());
    for (int i = 0; i < 20; ++i) {
        const QString from = QStringLiteral("+1415555%1").arg(1000 + i);
        const SignedWebhook webhook = flavour == Flavour::Twilio
                                          ? twilioInbound(m_stack->webhookUrl(), from, QStringLiteral("n%1").arg(i))
                                          : metaInbound(from, QStringLiteral("n%1").arg(i));
        QCOMPARE(postWebhook(*m_client, webhook).status, 200);
        QSqlQuery query(db);
        QVERIFY(query.prepare(QStringLiteral("SELECT COUNT(*) FROM messages WHERE provider_message_id = ?")));
        query.addBindValue(webhook.providerMessageId);
        QVERIFY(query.exec() && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
}

void TestHttpApi::handshake_data()
{
    QTest::addColumn<Flavour>("flavour");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("meta, right token")
        << Flavour::Meta
        << QStringLiteral("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me-please") << 200
        << QByteArray("1158201444");
    QTest::newRow("meta, wrong token") << Flavour::Meta
                                       << QStringLiteral("hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope")
                                       << 403 << QByteArray();
    QTest::newRow("meta, wrong mode") << Flavour::Meta
                                      << QStringLiteral(
                                             "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=verify-me-please")
                                      << 403 << QByteArray();
    QTest::newRow("meta, no parameters") << Flavour::Meta << QString() << 403 << QByteArray();
    QTest::newRow("twilio has no handshake")
        << Flavour::Twilio << QStringLiteral("hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-me-please")
        << 403 << QByteArray();
}

void TestHttpApi::handshake()
{
    QFETCH(Flavour, flavour);
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QVERIFY(startStack(flavour));
    const Response response = m_client->get(QStringLiteral("/api/whatsapp/webhook?") + query, std::nullopt);
    QVERIFY(response.finished);
    QCOMPARE(response.status, status);
    if (status == 200) {
        QCOMPARE(response.body, body);
        QVERIFY(response.contentType.startsWith("text/plain"));
    }
}

void TestHttpApi::webhookLogAndReplay()
{
    QVERIFY(startStack(Flavour::Meta));
    const SignedWebhook good = metaInbound(QStringLiteral("+5511987654321"), QStringLiteral("hello"));
    QCOMPARE(postWebhook(*m_client, good).status, 200);
    const SignedWebhook forged = metaInbound(kCustomer, QStringLiteral("x"), QStringLiteral("wrong-secret"));
    QCOMPARE(postWebhook(*m_client,
                         {forged.body,
                          forged.contentType,
                          forged.headers
                              + QList<QPair<QByteArray, QByteArray>>{{"X-Forwarded-Proto", "https"},
                                                                     {"X-Forwarded-Host", "chat.example.com"}},
                          forged.providerMessageId})
                 .status,
             403);

    const Response log = m_client->get(QStringLiteral("/api/whatsapp/webhooks?limit=10"));
    QCOMPARE(log.status, 200);
    const QJsonArray entries = log.json.value(QStringLiteral("webhooks")).toArray();
    QVERIFY(entries.size() >= 2);
    const QJsonObject newest = entries.at(0).toObject();
    const QJsonObject older = entries.at(1).toObject();
    QVERIFY(newest.value(QStringLiteral("id")).toInteger() > older.value(QStringLiteral("id")).toInteger());
    QCOMPARE(newest.value(QStringLiteral("verdict")).toString(), QStringLiteral("refused"));
    QVERIFY(!newest.value(QStringLiteral("reason")).toString().isEmpty());
    QCOMPARE(newest.value(QStringLiteral("provider")).toString(), QStringLiteral("meta"));
    QVERIFY(QDateTime::fromString(newest.value(QStringLiteral("received_at")).toString(), Qt::ISODateWithMs).isValid());
    QCOMPARE(older.value(QStringLiteral("verdict")).toString(), QStringLiteral("accepted"));
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/webhooks?limit=1"))
                 .json.value(QStringLiteral("webhooks"))
                 .toArray()
                 .size(),
             1);
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/webhooks?limit=-1")).errorField(), QStringLiteral("limit"));

    // The headers a diagnosis needs were kept with the refused request.
    MessageReader reader(m_dir->path() + QStringLiteral("/flowchat.sqlite"));
    const Result<WebhookLogEntry> kept = reader.webhookLogEntry(newest.value(QStringLiteral("id")).toInteger());
    QVERIFY(kept);
    QCOMPARE(kept->headers.value(QStringLiteral("x-forwarded-host")).toString(), QStringLiteral("chat.example.com"));
    QCOMPARE(kept->headers.value(QStringLiteral("x-forwarded-proto")).toString(), QStringLiteral("https"));
    QVERIFY(kept->headers.contains(QStringLiteral("host")));
    QVERIFY(kept->headers.contains(QStringLiteral("x-hub-signature-256")));

    // Replaying the accepted one is idempotent; the refused one stays refused; unknown ids are 404.
    const Response replayed = m_client->send(
        "POST", QStringLiteral("/api/whatsapp/webhooks/%1/replay").arg(older.value(QStringLiteral("id")).toInteger()));
    QVERIFY2(replayed.status == 200, replayed.body.constData());
    QCOMPARE(replayed.json.value(QStringLiteral("verdict")).toString(), QStringLiteral("accepted"));
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/messages?contact=%2B5511987654321"))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             1);
    const Response again = m_client->send(
        "POST", QStringLiteral("/api/whatsapp/webhooks/%1/replay").arg(newest.value(QStringLiteral("id")).toInteger()));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("verdict")).toString(), QStringLiteral("refused"));
    QCOMPARE(m_client->send("POST", QStringLiteral("/api/whatsapp/webhooks/987654/replay")).status, 404);
    QCOMPARE(m_client->send("POST", QStringLiteral("/api/whatsapp/webhooks/abc/replay")).status, 404);
}

void TestHttpApi::selfTestIsVerifiedNotStored()
{
    QVERIFY(startStack(Flavour::Twilio));
    const WebhookRequest selfTest =
        WebhookSelfTest::twilio(m_stack->webhookUrl(), kAuthToken, kAccountSid, QStringLiteral("n0nce"));
    const Response ok = m_client->send("POST",
                                       QStringLiteral("/api/whatsapp/webhook"),
                                       selfTest.body,
                                       selfTest.header("Content-Type"),
                                       {{"X-Twilio-Signature", selfTest.header("X-Twilio-Signature")}},
                                       std::nullopt);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json.value(QStringLiteral("selftest")).toString(), QStringLiteral("n0nce"));
    QCOMPARE(ok.json.value(QStringLiteral("instance")).toString(), m_stack->host()->api()->instanceId());

    const WebhookRequest forged = WebhookSelfTest::twilio(
        m_stack->webhookUrl(), QStringLiteral("another-token"), kAccountSid, QStringLiteral("n1"));
    const Response refused = m_client->send("POST",
                                            QStringLiteral("/api/whatsapp/webhook"),
                                            forged.body,
                                            forged.header("Content-Type"),
                                            {{"X-Twilio-Signature", forged.header("X-Twilio-Signature")}},
                                            std::nullopt);
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.json.value(QStringLiteral("selftest")).toString(), QStringLiteral("n1"));
    QCOMPARE(
        m_client->get(QStringLiteral("/api/whatsapp/webhooks")).json.value(QStringLiteral("webhooks")).toArray().size(),
        0);
}

void TestHttpApi::storeFailureIs5xx()
{
    QVERIFY(startStack(Flavour::Meta, {}, 200));
    // Another process holds the write lock longer than the store's busy timeout.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
    db.setDatabaseName(m_dir->path() + QStringLiteral("/flowchat.sqlite"));
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
    QVERIFY(db.open());
    QSqlQuery lock(db);
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));

    const Response webhook = postWebhook(*m_client, metaInbound(kCustomer, QStringLiteral("while locked")));
    QVERIFY(webhook.finished);
    QVERIFY2(webhook.status >= 500 && webhook.status < 600, QByteArray::number(webhook.status).constData());
    const Response send =
        m_client->postJson(QStringLiteral("/api/whatsapp/send"),
                           {{QStringLiteral("to"), kCustomer}, {QStringLiteral("body"), QStringLiteral("x")}});
    QVERIFY2(send.status >= 500 && send.status < 600, send.body.constData());
    QVERIFY(!send.errorCode().isEmpty());

    QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    lock = QSqlQuery();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("locker"));
    // The provider's redelivery then succeeds.
    QCOMPARE(postWebhook(*m_client, metaInbound(kCustomer, QStringLiteral("after the lock"))).status, 200);
}

void TestHttpApi::survivesClientsHangingUp()
{
    QVERIFY(startStack(Flavour::Meta));
    // Each client sends a webhook whose answer waits for a commit, and hangs up at once.
    for (int i = 0; i < 30; ++i) {
        const SignedWebhook webhook = metaInbound(QStringLiteral("+1415555%1").arg(2000 + i), QStringLiteral("bye"));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_stack->baseUrl().port());
        QVERIFY(socket.waitForConnected(5000));
        QByteArray request =
            "POST /api/whatsapp/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "X-Hub-Signature-256: "
            + webhook.headers.first().second + "\r\nContent-Length: " + QByteArray::number(webhook.body.size())
            + "\r\n\r\n" + webhook.body;
        socket.write(request);
        QVERIFY(socket.waitForBytesWritten(5000));
        socket.abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_stack->host()->api()->owedAnswers(), 0, 10000);
    QCOMPARE(m_client->get(QStringLiteral("/api/health")).status, 200);
    QCOMPARE(postWebhook(*m_client, metaInbound(kCustomer, QStringLiteral("still here"))).status, 200);
}

void TestHttpApi::gracefulStopAnswersOwedWebhooks()
{
    QVERIFY(startStack(Flavour::Meta));
    QList<std::shared_ptr<QNetworkReply>> replies;
    // Six: QNAM's connections per host, so every request is on the wire at once.
    for (int i = 0; i < 6; ++i) {
        const SignedWebhook webhook =
            metaInbound(QStringLiteral("+1415555%1").arg(3000 + i), QStringLiteral("last words"));
        QNetworkRequest request(m_stack->webhookUrl());
        request.setHeader(QNetworkRequest::ContentTypeHeader, webhook.contentType);
        request.setRawHeader("X-Hub-Signature-256", webhook.headers.first().second);
        replies.append(std::shared_ptr<QNetworkReply>(m_client->network().post(request, webhook.body)));
    }
    // Stop as soon as the first request is in: the rest are either answered 200 after their
    // commit or refused with 503 (retried later by the provider), never dropped.
    QTRY_VERIFY_WITH_TIMEOUT(m_stack->host()->api()->owedAnswers() > 0 || replies.first()->isFinished(), 10000);
    QSignalSpy stopped(m_stack->host(), &ServiceHost::stopped);
    m_stack->host()->stop();
    QVERIFY(stopped.wait(15000) || !stopped.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.begin(), replies.end(), [](const auto& r) { return r->isFinished(); }),
                             10000);
    int ok = 0;
    for (const auto& reply : replies) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QVERIFY2(status == 200 || status == 503, QByteArray::number(status).constData());
        ok += status == 200 ? 1 : 0;
    }
    QVERIFY(ok >= 1);
    QCOMPARE(m_stack->host()->api()->owedAnswers(), 0);
    // Nothing new is served after the stop: a late request is refused at connect, or answered
    // with anything but a 200 (a 503 the client retries), or its connection is closed unanswered.
    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, m_stack->baseUrl().port());
    if (late.waitForConnected(1000)) {
        late.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY(late.waitForBytesWritten(1000) || late.state() != QAbstractSocket::ConnectedState);
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT(
            (answer += late.readAll()).contains("\r\n\r\n") || late.state() == QAbstractSocket::UnconnectedState, 5000);
        answer += late.readAll();
        QVERIFY2(!answer.startsWith("HTTP/1.1 200"), answer.constData());
    }
}

void TestHttpApi::tokenNeverLogged()
{
    LogCapture capture;
    QVERIFY(startStack(Flavour::Twilio));
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/templates")).status, 200);
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/templates"), QStringLiteral("wrong-token-guess")).status, 401);
    QCOMPARE(postWebhook(*m_client,
                         twilioInbound(m_stack->webhookUrl(), kCustomer, QStringLiteral("x"), QStringLiteral("bad")))
                 .status,
             403);
    QVERIFY(!capture.lines().isEmpty());
    for (const QString& line : capture.lines()) {
        QVERIFY2(!line.contains(kApiToken) && !line.contains(QStringLiteral("wrong-token-guess"))
                     && !line.contains(kAuthToken),
                 qPrintable(line));
    }
}

void TestHttpApi::hostRunsOnWorkerThread()
{
    // The whole stack on a worker thread, driven by queued calls and signals: the host's side of
    // what ServiceThread does for the console (TestServiceThread covers that class itself).
    Stack stack(Flavour::Meta, m_dir->path());
    QThread worker;
    stack.releasePort();
    auto* host = new ServiceHost(stack.config());
    host->moveToThread(&worker);
    connect(&worker, &QThread::finished, host, &QObject::deleteLater);
    // Delivered to this thread (queued), so nothing here is touched by the worker.
    QList<ServiceHostInfo> started;
    int stopped = 0;
    connect(host, &ServiceHost::started, this, [&started](const ServiceHostInfo& info) { started << info; });
    connect(host, &ServiceHost::stopped, this, [&stopped] { ++stopped; });
    worker.start();
    // A failed check must not leave the thread running (QThread aborts when destroyed running).
    const auto joinWorker = qScopeGuard([&worker] {
        worker.quit();
        worker.wait(15000);
    });
    QMetaObject::invokeMethod(host, &ServiceHost::start, Qt::QueuedConnection);
    // Not QSignalSpy::wait(): the worker may emit before this thread starts waiting, and the
    // wait then expects a second signal (what made this test time out on loaded machines).
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 15000);
    const ServiceHostInfo info = started.first();
    QCOMPARE(info.apiUrl, stack.baseUrl());
    QCOMPARE(info.provider, QStringLiteral("direct"));
    QVERIFY(!info.tokenGenerated);

    Client client(info.apiUrl);
    QCOMPARE(client.get(QStringLiteral("/api/health")).status, 200);
    QCOMPARE(postWebhook(client, metaInbound(kCustomer, QStringLiteral("from a worker"))).status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100"))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             1);

    // Idle, the stop is done in microseconds: often before this thread could call wait().
    QMetaObject::invokeMethod(
        host, [host] { host->stop(); }, Qt::QueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(stopped, 1, 15000);
}

void TestHttpApi::generatedTokenWhenNoneIsSet()
{
    QVERIFY(startStack(Flavour::Meta, {{ConfigKey::ApiToken, QString()}}));
    const ServiceHostInfo info = m_stack->host()->info();
    QVERIFY(info.tokenGenerated);
    QCOMPARE(info.apiToken.size(), 32);
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/templates")).status, 401);
    QCOMPARE(m_client->get(QStringLiteral("/api/whatsapp/templates"), info.apiToken).status, 200);
}

QTEST_GUILESS_MAIN(TestHttpApi)
#include "TestHttpApi.moc"
