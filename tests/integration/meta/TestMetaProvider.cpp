// MetaCloudProvider against an in-process MetaEmulator over real loopback HTTP, with a QHttpServer
// standing in for FlowChat's webhook endpoint.
#include "providers/ErrorCatalogue.h"
#include "providers/NetworkPool.h"
#include "providers/emulator/MetaEmulator.h"
#include "providers/meta/MetaCloudProvider.h"
#include "tests/support/LogCapture.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHttpMultiPart>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Error::Kind)

namespace
{

const QString kToken = u"EAAemulatortoken"_s;
const QString kSecret = u"a1b2c3d4e5f60718293a4b5c6d7e8f90"_s;
const QString kPhoneId = u"106540352242922"_s;
const QString kWabaId = u"102290129340398"_s;
const QString kVerifyToken = u"verify-me-please"_s;
const QString kCustomer = u"+16505551234"_s;
constexpr int kWaitMs = 5000;

// "a/b/0/c" into a JSON value.
QJsonValue at(const QJsonValue& root, const QString& path)
{
    QJsonValue value = root;
    for (const QString& key : path.split(u'/')) {
        bool isIndex = false;
        const int index = key.toInt(&isIndex);
        value = isIndex && value.isArray() ? value.toArray().at(index) : value.toObject().value(key);
    }
    return value;
}

// Where a callback puts its result. Shared, so a callback that runs after a failed test returns
// writes into live memory.
template <typename T>
using Slot = std::shared_ptr<std::optional<Result<T>>>;

template <typename T>
Slot<T> slot()
{
    return std::make_shared<std::optional<Result<T>>>();
}

template <typename T>
Callback<T> into(const Slot<T>& target)
{
    return [target](Result<T> result) {
        *target = std::move(result);
    };
}

// A raw answer from the emulator.
struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray apiVersion; // facebook-api-version
};

bool noneFailed(const QList<StatusUpdate>& statuses)
{
    return std::none_of(
        statuses.cbegin(), statuses.cend(), [](const StatusUpdate& s) { return s.status == MessageStatus::Failed; });
}

bool isAscii(const QByteArray& bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

} // namespace

class TestMetaProvider : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void sendKinds_data();
    void sendKinds();
    void statusWebhooksAreSignedAndParse();
    void webhookVerification_data();
    void webhookVerification();
    void inboundThroughAdminRoute();
    void inboundImageFetchedInTwoSteps();
    void uploadedMediaRoundTrip();
    void templatesAcrossPages();
    void templateRefusals_data();
    void templateRefusals();
    void badTokenIsAuthentication();
    void invalidRecipient_data();
    void invalidRecipient();
    void closedWindowFailsWith131047();
    void rateLimitThenSuccessAfterRetryAfter();
    void injectedFaults_data();
    void injectedFaults();
    void timeoutIsKindTimeout();
    void refusedConnectionIsKindNetwork();
    void webhookRetriedAfterNon200();
    void emulatorEchoesVersion_data();
    void emulatorEchoesVersion();
    void verificationChallenge_data();
    void verificationChallenge();

private:
    MetaConfig config() const;
    std::unique_ptr<MetaCloudProvider> makeProvider(const MetaConfig& config);
    Result<SendAccepted> send(MetaCloudProvider& provider, const OutgoingMessage& message);
    OutgoingMessage text(const QString& body, const QString& to = kCustomer) const;
    Reply call(const QByteArray& method,
               const QString& path,
               const QByteArray& body = {},
               const QByteArray& contentType = "application/json",
               QHttpMultiPart* multipart = nullptr);
    QList<StatusUpdate> statusesFor(const QString& wamid) const;
    QList<InboundMessage> inbound() const;

    std::unique_ptr<QHttpServer> m_receiver;
    QList<WebhookRequest> m_webhooks;
    int m_failNextWebhooks = 0;
    std::unique_ptr<MetaEmulator> m_emulator;
    std::unique_ptr<NetworkPool> m_pool;
    std::unique_ptr<MetaCloudProvider> m_provider;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void TestMetaProvider::init()
{
    m_webhooks.clear();
    m_failNextWebhooks = 0;
    m_receiver = std::make_unique<QHttpServer>();
    m_receiver->setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        WebhookRequest captured;
        captured.url = request.url();
        captured.headers = request.headers();
        captured.body = request.body();
        const bool fail = m_failNextWebhooks > 0;
        if (fail) {
            --m_failNextWebhooks;
        }
        m_webhooks.append(captured);
        responder.write(QByteArray(),
                        "text/plain",
                        fail ? QHttpServerResponder::StatusCode::InternalServerError
                             : QHttpServerResponder::StatusCode::Ok);
    });
    const quint16 receiverPort = m_receiver->listen(QHostAddress::LocalHost, 0);
    QVERIFY(receiverPort != 0);

    EmulatorOptions options;
    options.accessToken = kToken;
    options.appSecret = kSecret;
    options.phoneNumberId = kPhoneId;
    options.wabaId = kWabaId;
    options.statusDelayMs = 20;
    options.webhookUrl = QUrl(u"http://127.0.0.1:%1/api/whatsapp/webhook"_s.arg(receiverPort));
    m_emulator = std::make_unique<MetaEmulator>(options);
    QVERIFY(m_emulator->listen() != 0);

    m_pool = std::make_unique<NetworkPool>(6);
    m_provider = makeProvider(config());
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestMetaProvider::cleanup()
{
    m_provider.reset();
    m_nam.reset();
    m_pool.reset();
    m_emulator.reset();
    m_receiver.reset();
}

MetaConfig TestMetaProvider::config() const
{
    MetaConfig config;
    QUrl api = m_emulator->baseUrl();
    api.setPath(u"/v23.0"_s);
    config.apiUrl = api;
    config.accessToken = kToken;
    config.phoneNumberId = kPhoneId;
    config.businessAccountId = kWabaId;
    config.appSecret = kSecret;
    config.verifyToken = kVerifyToken;
    config.timeoutMs = 5000;
    return config;
}

std::unique_ptr<MetaCloudProvider> TestMetaProvider::makeProvider(const MetaConfig& config)
{
    return std::make_unique<MetaCloudProvider>(config, m_pool.get());
}

Result<SendAccepted> TestMetaProvider::send(MetaCloudProvider& provider, const OutgoingMessage& message)
{
    const Slot<SendAccepted> result = slot<SendAccepted>();
    provider.send(message, this, into(result));
    if (!QTest::qWaitFor([&result] { return result->has_value(); }, kWaitMs)) {
        Error error;
        error.code = u"test.no_callback"_s;
        error.message = u"the send callback never ran"_s;
        return Unexpected(error);
    }
    return **result;
}

OutgoingMessage TestMetaProvider::text(const QString& body, const QString& to) const
{
    OutgoingMessage message;
    message.to = to;
    message.body = body;
    return message;
}

Reply TestMetaProvider::call(const QByteArray& method,
                             const QString& path,
                             const QByteArray& body,
                             const QByteArray& contentType,
                             QHttpMultiPart* multipart)
{
    QUrl url = m_emulator->baseUrl();
    const qsizetype query = path.indexOf(u'?');
    url.setPath(path.left(query));
    if (query >= 0) {
        url.setQuery(path.mid(query + 1));
    }
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + kToken.toUtf8());
    if (!multipart) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    }
    request.setTransferTimeout(kWaitMs);
    QNetworkReply* reply =
        multipart ? m_nam->post(request, multipart) : m_nam->sendCustomRequest(request, method, body);
    if (multipart) {
        multipart->setParent(reply);
    }
    Reply answer;
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, kWaitMs)) {
        reply->abort(); // finishes it; status stays 0
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.apiVersion = reply->rawHeader("facebook-api-version");
    reply->deleteLater();
    return answer;
}

QList<StatusUpdate> TestMetaProvider::statusesFor(const QString& wamid) const
{
    QList<StatusUpdate> statuses;
    for (const WebhookRequest& webhook : m_webhooks) {
        if (!m_provider->verifyWebhook(webhook)) {
            continue;
        }
        for (const WebhookEvent& event : m_provider->parseWebhook(webhook).value_or(QList<WebhookEvent>())) {
            if (const auto* status = std::get_if<StatusUpdate>(&event); status && status->providerMessageId == wamid) {
                statuses.append(*status);
            }
        }
    }
    return statuses;
}

QList<InboundMessage> TestMetaProvider::inbound() const
{
    QList<InboundMessage> messages;
    for (const WebhookRequest& webhook : m_webhooks) {
        if (!m_provider->verifyWebhook(webhook)) {
            continue;
        }
        for (const WebhookEvent& event : m_provider->parseWebhook(webhook).value_or(QList<WebhookEvent>())) {
            if (const auto* message = std::get_if<InboundMessage>(&event)) {
                messages.append(*message);
            }
        }
    }
    return messages;
}

void TestMetaProvider::sendKinds_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("mediaUrl");
    QTest::addColumn<QStringList>("templateSpec"); // name, language, parameters (key=value for named)
    QTest::addColumn<QString>("replyTo");
    QTest::addColumn<QString>("sentType");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    QTest::newRow("text") << u"text"_s << u"Olá 👋 tudo bem?"_s << QString() << QStringList() << QString() << u"text"_s
                          << u"text/body"_s << u"Olá 👋 tudo bem?"_s;
    QTest::newRow("image by link with caption")
        << u"image"_s << u"Your receipt"_s << u"https://cdn.example.com/p.jpg"_s << QStringList() << QString()
        << u"image"_s << u"image/caption"_s << u"Your receipt"_s;
    QTest::newRow("document filename from URL")
        << u"document"_s << QString() << u"https://cdn.example.com/f/invoice-9.pdf"_s << QStringList() << QString()
        << u"document"_s << u"document/filename"_s << u"invoice-9.pdf"_s;
    QTest::newRow("positional template") << u"template"_s << QString() << QString()
                                         << QStringList{u"order_update"_s, u"en_US"_s, u"John"_s, u"A-123"_s}
                                         << QString() << u"template"_s << u"template/components/0/parameters/1/text"_s
                                         << u"A-123"_s;
    QTest::newRow("named template")
        << u"template"_s << QString() << QString()
        << QStringList{u"order_named"_s, u"en"_s, u"customer_name=Jessica"_s, u"order_id=SKBUP2-4CPIG9"_s} << QString()
        << u"template"_s << u"template/components/0/parameters/0/parameter_name"_s << u"customer_name"_s;
    QTest::newRow("reply") << u"text"_s << u"Replying"_s << QString() << QStringList()
                           << u"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="_s << u"text"_s
                           << u"context/message_id"_s
                           << u"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="_s;
}

void TestMetaProvider::sendKinds()
{
    QFETCH(QString, type);
    QFETCH(QString, body);
    QFETCH(QString, mediaUrl);
    QFETCH(QStringList, templateSpec);
    QFETCH(QString, replyTo);
    QFETCH(QString, sentType);
    QFETCH(QString, path);
    QFETCH(QString, expected);

    OutgoingMessage message = text(body);
    message.type = *MessageTypes::fromString(type);
    if (!mediaUrl.isEmpty()) {
        message.mediaUrls = {mediaUrl};
    }
    if (!templateSpec.isEmpty()) {
        message.templateName = templateSpec.at(0);
        message.templateLanguage = templateSpec.at(1);
        for (const QString& parameter : templateSpec.mid(2)) {
            const qsizetype eq = parameter.indexOf(u'=');
            if (eq > 0) {
                message.templateParameterNames.append(parameter.left(eq));
            }
            message.templateParameters.append(parameter.mid(eq + 1));
        }
    }
    message.replyToProviderId = replyTo;

    const Result<SendAccepted> accepted = send(*m_provider, message);
    QVERIFY2(accepted.has_value(),
             accepted.has_value() ? "" : qPrintable(accepted.error().code + u' ' + accepted.error().message));
    QVERIFY(accepted->providerMessageId.startsWith(u"wamid."_s));
    QCOMPARE(accepted->status, MessageStatus::Queued);

    const QJsonArray sent = m_emulator->acceptedMessages();
    QCOMPARE(sent.size(), 1);
    const QJsonObject record = sent.first().toObject();
    QCOMPARE(record.value(u"id"_s).toString(), accepted->providerMessageId);
    QCOMPARE(record.value(u"type"_s).toString(), sentType);
    QCOMPARE(record.value(u"to"_s).toString(), u"16505551234"_s);
    QCOMPARE(at(record.value(u"request"_s), path).toString(), expected);
}

void TestMetaProvider::statusWebhooksAreSignedAndParse()
{
    OutgoingMessage message = text(u"Hello from the test"_s);
    message.localId = u"fc-1"_s;
    const Result<SendAccepted> accepted = send(*m_provider, message);
    QVERIFY(accepted.has_value());

    QTRY_COMPARE_WITH_TIMEOUT(statusesFor(accepted->providerMessageId).size(), 3, kWaitMs);
    QList<StatusUpdate> statuses = statusesFor(accepted->providerMessageId);
    // Separate POSTs may overtake each other, as Meta's do; ordering is the store's job (rank rule).
    std::sort(statuses.begin(), statuses.end(), [](const StatusUpdate& a, const StatusUpdate& b) {
        return Status::rank(a.status) < Status::rank(b.status);
    });
    QCOMPARE(statuses.at(0).status, MessageStatus::Sent);
    QCOMPARE(statuses.at(1).status, MessageStatus::Delivered);
    QCOMPARE(statuses.at(2).status, MessageStatus::Read);
    for (const StatusUpdate& status : statuses) {
        QCOMPARE(status.localId, u"fc-1"_s);
        QCOMPARE(status.recipient, kCustomer);
        QVERIFY(status.timestamp.isValid());
    }
    QCOMPARE(m_webhooks.size(), 3);
    for (const WebhookRequest& webhook : std::as_const(m_webhooks)) {
        QVERIFY(webhook.header("X-Hub-Signature-256").startsWith("sha256="));
        QCOMPARE(webhook.header("Content-Type"), QByteArray("application/json"));
        QVERIFY(isAscii(webhook.body));
        QCOMPARE(webhook.url.path(), u"/api/whatsapp/webhook"_s);
    }
    // v23 still carries conversation and pricing on `sent` (§8.4).
    QJsonObject sent;
    for (const WebhookRequest& webhook : std::as_const(m_webhooks)) {
        const QJsonObject object = QJsonDocument::fromJson(webhook.body).object();
        if (at(object, u"entry/0/changes/0/value/statuses/0/status"_s).toString() == u"sent"_s) {
            sent = object;
        }
    }
    QVERIFY(at(sent, u"entry/0/changes/0/value/statuses/0/conversation/id"_s).isString());
    QCOMPARE(at(sent, u"entry/0/changes/0/value/statuses/0/pricing/category"_s).toString(), u"service"_s);
}

void TestMetaProvider::webhookVerification_data()
{
    QTest::addColumn<QString>("tamper");
    QTest::addColumn<QString>("appSecret");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("as delivered") << u"none"_s << kSecret << true;
    QTest::newRow("one body byte changed") << u"body"_s << kSecret << false;
    QTest::newRow("signature header missing") << u"header"_s << kSecret << false;
    QTest::newRow("verified with another secret") << u"none"_s << u"another-secret"_s << false;
    QTest::newRow("no app secret configured accepts") << u"header"_s << QString() << true;
}

void TestMetaProvider::webhookVerification()
{
    QFETCH(QString, tamper);
    QFETCH(QString, appSecret);
    QFETCH(bool, accepted);

    QVERIFY(send(*m_provider, text(u"ping"_s)).has_value());
    QTRY_VERIFY_WITH_TIMEOUT(!m_webhooks.isEmpty(), kWaitMs);
    WebhookRequest webhook = m_webhooks.first();
    if (tamper == u"body"_s) {
        webhook.body.replace("\"recipient_id\":\"16505551234\"", "\"recipient_id\":\"16505551235\"");
        QVERIFY(webhook.body != m_webhooks.first().body);
    } else if (tamper == u"header"_s) {
        webhook.headers.removeIf(
            [](const auto& header) { return header.first.compare("X-Hub-Signature-256", Qt::CaseInsensitive) == 0; });
    }
    MetaConfig cfg = config();
    cfg.appSecret = appSecret;
    const Result<void> verdict = makeProvider(cfg)->verifyWebhook(webhook);
    QCOMPARE(verdict.has_value(), accepted);
    if (!accepted) {
        QCOMPARE(verdict.error().kind, Error::Kind::Authentication);
        QCOMPARE(verdict.error().code, u"signature_invalid"_s);
    }
}

void TestMetaProvider::inboundThroughAdminRoute()
{
    const QByteArray request =
        u"{\"from\":\"+15557654321\",\"body\":\"Olá, ¿qué tal? 👋 https://x.co/a\",\"name\":\"Zoë\"}"_s.toUtf8();
    const Reply answer = call("POST", u"/_emulator/inbound"_s, request);
    QCOMPARE(answer.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(inbound().size(), 1, kWaitMs);

    const WebhookRequest& raw = m_webhooks.first();
    QVERIFY(isAscii(raw.body));
    QVERIFY(raw.body.contains(R"(Ol\u00e1, \u00bfqu\u00e9 tal? \ud83d\udc4b https:\/\/x.co\/a)"));
    QVERIFY(raw.body.contains(R"("name":"Zo\u00eb")"));

    const InboundMessage message = inbound().first();
    QCOMPARE(message.providerMessageId, QJsonDocument::fromJson(answer.body).object().value(u"id"_s).toString());
    QCOMPARE(message.from, u"+15557654321"_s);
    QCOMPARE(message.profileName, u"Zoë"_s);
    QCOMPARE(message.type, MessageType::Text);
    QCOMPARE(message.text, u"Olá, ¿qué tal? 👋 https://x.co/a"_s);
    QCOMPARE(message.to, kPhoneId);
}

void TestMetaProvider::inboundImageFetchedInTwoSteps()
{
    const Reply answer =
        call("POST",
             u"/_emulator/inbound"_s,
             R"({"from":"+15557654321","body":"the broken part","name":"Zoe","media_url":"https://x.co/p.png"})");
    QCOMPARE(answer.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(inbound().size(), 1, kWaitMs);
    const InboundMessage message = inbound().first();
    QCOMPARE(message.type, MessageType::Image);
    QVERIFY(message.media.has_value());
    QCOMPARE(message.media->mimeType, u"image/png"_s);
    QCOMPARE(message.text, u"the broken part"_s);

    const Slot<MediaData> media = slot<MediaData>();
    m_provider->fetchMedia(MediaRef{message.media->id, {}, {}}, this, into(media));
    QTRY_VERIFY_WITH_TIMEOUT(media->has_value(), kWaitMs);
    QVERIFY2((*media)->has_value(), (*media)->has_value() ? "" : qPrintable((*media)->error().message));
    const MediaData& data = (*media)->value();
    QVERIFY(data.bytes.startsWith("\x89PNG\r\n"));
    QCOMPARE(data.mimeType, u"image/png"_s);
    QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(data.bytes, QCryptographicHash::Sha256).toBase64()),
             message.media->sha256);
}

void TestMetaProvider::uploadedMediaRoundTrip()
{
    const QByteArray bytes = QByteArray("%PDF-1.4 flowchat test document\n") + QByteArray(5000, 'x');
    auto* multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart product;
    product.setHeader(QNetworkRequest::ContentDispositionHeader,
                      QByteArrayLiteral("form-data; name=\"messaging_product\""));
    product.setBody("whatsapp");
    QHttpPart file;
    file.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QByteArrayLiteral("form-data; name=\"file\"; filename=\"doc.pdf\""));
    file.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/pdf"));
    file.setBody(bytes);
    multipart->append(product);
    multipart->append(file);
    const Reply uploaded = call("POST", u"/v23.0/%1/media"_s.arg(kPhoneId), {}, {}, multipart);
    QCOMPARE(uploaded.status, 200);
    const QString id = QJsonDocument::fromJson(uploaded.body).object().value(u"id"_s).toString();
    QVERIFY(id.size() >= 15);

    Slot<MediaData> media = slot<MediaData>();
    m_provider->fetchMedia(MediaRef{id, {}, {}}, this, into(media));
    QTRY_VERIFY_WITH_TIMEOUT(media->has_value(), kWaitMs);
    QVERIFY((*media)->has_value());
    QCOMPARE((*media)->value().bytes, bytes);
    QCOMPARE((*media)->value().mimeType, u"application/pdf"_s);

    QCOMPARE(call("DELETE", u"/v23.0/"_s + id).status, 200);
    media = slot<MediaData>();
    m_provider->fetchMedia(MediaRef{id, {}, {}}, this, into(media));
    QTRY_VERIFY_WITH_TIMEOUT(media->has_value(), kWaitMs);
    QVERIFY(!(*media)->has_value());
    QCOMPARE((*media)->error().code, u"100"_s);
}

void TestMetaProvider::templatesAcrossPages()
{
    MetaConfig cfg = config();
    cfg.templatePageSize = 2; // five seeded templates: three pages
    auto provider = makeProvider(cfg);
    const Slot<QList<Template>> result = slot<QList<Template>>();
    provider->listTemplates(this, into(result));
    QTRY_VERIFY_WITH_TIMEOUT(result->has_value(), kWaitMs);
    QVERIFY((*result)->has_value());
    const QList<Template> templates = (*result)->value();

    QStringList names;
    for (const Template& t : templates) {
        names.append(t.name);
    }
    QStringList seeded;
    for (const QJsonValue& t : m_emulator->templates()) {
        seeded.append(t.toObject().value(u"name"_s).toString());
    }
    QVERIFY(seeded.size() > 4);
    QCOMPARE(names, seeded);

    const Template& order = templates.first();
    QCOMPARE(order.name, u"order_update"_s);
    QCOMPARE(order.language, u"en_US"_s);
    QCOMPARE(order.approvalStatus, u"approved"_s);
    QCOMPARE(order.category, u"UTILITY"_s);
    QCOMPARE(order.placeholders, (QStringList{u"1"_s, u"2"_s}));
    QCOMPARE(order.headerText, u"Order update"_s);
    QCOMPARE(order.buttons.size(), 2);
    QCOMPARE(templates.at(1).parameterFormat, u"NAMED"_s);
    QCOMPARE(templates.at(3).approvalStatus, u"pending"_s);
}

void TestMetaProvider::templateRefusals_data()
{
    QTest::addColumn<QStringList>("templateSpec");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown name") << QStringList{u"no_such_template"_s, u"en_US"_s} << u"132001"_s;
    QTest::newRow("wrong language") << QStringList{u"order_update"_s, u"pt_BR"_s, u"a"_s, u"b"_s} << u"132001"_s;
    QTest::newRow("pending template") << QStringList{u"spring_promo"_s, u"en_US"_s, u"20%"_s, u"May 1"_s}
                                      << u"132001"_s;
    QTest::newRow("too few parameters") << QStringList{u"order_update"_s, u"en_US"_s, u"John"_s} << u"132000"_s;
    QTest::newRow("too many parameters") << QStringList{u"hello_world"_s, u"en_US"_s, u"x"_s} << u"132000"_s;
    QTest::newRow("positional values for a named template")
        << QStringList{u"order_named"_s, u"en"_s, u"a"_s, u"b"_s} << u"100"_s;
    QTest::newRow("image header without its file")
        << QStringList{u"delivery_photo"_s, u"en_US"_s, u"Ana"_s} << u"132012"_s;
}

void TestMetaProvider::templateRefusals()
{
    QFETCH(QStringList, templateSpec);
    QFETCH(QString, code);
    OutgoingMessage message = text(QString());
    message.type = MessageType::Template;
    message.templateName = templateSpec.at(0);
    message.templateLanguage = templateSpec.at(1);
    message.templateParameters = templateSpec.mid(2);
    const Result<SendAccepted> result = send(*m_provider, message);
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().code, code);
    if (code != u"100"_s) {
        QCOMPARE(result.error().kind, Error::Kind::TemplateMismatch);
    }
    QVERIFY(!result.error().retryable);
    QVERIFY(m_emulator->acceptedMessages().isEmpty());
}

void TestMetaProvider::badTokenIsAuthentication()
{
    LogCapture logs;
    MetaConfig cfg = config();
    cfg.accessToken = u"EAAwrong-token-0000"_s;
    auto provider = makeProvider(cfg);

    const Result<SendAccepted> result = send(*provider, text(u"hi"_s));
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().code, u"190"_s);
    QCOMPARE(result.error().kind, Error::Kind::Authentication);
    QCOMPARE(result.error().httpStatus, 401);
    QVERIFY(!result.error().retryable);

    const Slot<QList<Template>> templates = slot<QList<Template>>();
    provider->listTemplates(this, into(templates));
    QTRY_VERIFY_WITH_TIMEOUT(templates->has_value(), kWaitMs);
    QVERIFY(!(*templates)->has_value());
    QCOMPARE((*templates)->error().kind, Error::Kind::Authentication);

    QVERIFY(send(*m_provider, text(u"with the good token"_s)).has_value());
    QVERIFY(!logs.lines().isEmpty());
    QVERIFY(!logs.contains(cfg.accessToken));
    QVERIFY(!logs.contains(kToken));
    QVERIFY(!logs.contains(kSecret));
}

void TestMetaProvider::invalidRecipient_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("synchronous");
    QTest::addColumn<QString>("code");
    QTest::newRow("scripted invalid number") << u"+15005550001"_s << true << u"131009"_s;
    QTest::newRow("too short to be a number") << u"+1 555"_s << true << u"131009"_s;
    QTest::newRow("undeliverable, reported by webhook") << u"+15005550002"_s << false << u"131026"_s;
}

void TestMetaProvider::invalidRecipient()
{
    QFETCH(QString, to);
    QFETCH(bool, synchronous);
    QFETCH(QString, code);

    const Result<SendAccepted> result = send(*m_provider, text(u"hello"_s, to));
    Error error;
    if (synchronous) {
        QVERIFY(!result.has_value());
        error = result.error();
        QCOMPARE(error.httpStatus, 400);
        QCOMPARE(error.field, u"to"_s);
    } else {
        QVERIFY(result.has_value());
        QTRY_COMPARE_WITH_TIMEOUT(statusesFor(result->providerMessageId).size(), 1, kWaitMs);
        const StatusUpdate failed = statusesFor(result->providerMessageId).first();
        QCOMPARE(failed.status, MessageStatus::Failed);
        error.code = failed.errorCode;
        error.message = failed.errorMessage;
        error = ErrorCatalogue::classify(u"meta"_s, error);
    }
    QCOMPARE(error.code, code);
    QCOMPARE(error.kind, Error::Kind::InvalidRecipient);
    QVERIFY(!error.retryable);
}

void TestMetaProvider::closedWindowFailsWith131047()
{
    m_emulator->setWindowOpen(u"16505551234"_s, false);

    const Result<SendAccepted> freeForm = send(*m_provider, text(u"Are you still there?"_s));
    QVERIFY(freeForm.has_value()); // accepted; the refusal comes later (§7.5)
    QTRY_COMPARE_WITH_TIMEOUT(statusesFor(freeForm->providerMessageId).size(), 1, kWaitMs);
    const StatusUpdate failed = statusesFor(freeForm->providerMessageId).first();
    QCOMPARE(failed.status, MessageStatus::Failed);
    QCOMPARE(failed.errorCode, u"131047"_s);
    Error error;
    error.code = failed.errorCode;
    QCOMPARE(ErrorCatalogue::classify(u"meta"_s, error).kind, Error::Kind::OutsideWindow);

    // A template still goes out while the window is closed.
    OutgoingMessage tmpl = text(QString());
    tmpl.type = MessageType::Template;
    tmpl.templateName = u"hello_world"_s;
    tmpl.templateLanguage = u"en_US"_s;
    const Result<SendAccepted> templated = send(*m_provider, tmpl);
    QVERIFY(templated.has_value());
    QTRY_COMPARE_WITH_TIMEOUT(statusesFor(templated->providerMessageId).size(), 3, kWaitMs);
    QVERIFY(noneFailed(statusesFor(templated->providerMessageId)));

    // The customer writes: the window opens and free-form text is delivered again.
    QCOMPARE(call("POST", u"/_emulator/inbound"_s, R"({"from":"+16505551234","body":"yes","name":"Sheena"})").status,
             200);
    const Result<SendAccepted> again = send(*m_provider, text(u"Great, here is the answer"_s));
    QVERIFY(again.has_value());
    QTRY_COMPARE_WITH_TIMEOUT(statusesFor(again->providerMessageId).size(), 3, kWaitMs);
    QVERIFY(noneFailed(statusesFor(again->providerMessageId)));
}

void TestMetaProvider::rateLimitThenSuccessAfterRetryAfter()
{
    m_emulator->addFault(*FaultSpec::parse(u"429:1x1"_s));
    const Result<SendAccepted> first = send(*m_provider, text(u"burst"_s));
    QVERIFY(!first.has_value());
    QCOMPARE(first.error().httpStatus, 429);
    QCOMPARE(first.error().code, u"130429"_s);
    QCOMPARE(first.error().kind, Error::Kind::RateLimited);
    QVERIFY(first.error().retryable);
    QVERIFY(first.error().retryAfter.has_value());
    QCOMPARE(first.error().retryAfter->count(), 1);

    // Honour Retry-After the way the outbox does: wait, then send once more.
    QElapsedTimer clock;
    clock.start();
    const Slot<SendAccepted> second = slot<SendAccepted>();
    const OutgoingMessage retry = text(u"burst"_s);
    QTimer::singleShot(std::chrono::milliseconds(*first.error().retryAfter), this, [this, second, retry] {
        m_provider->send(retry, this, into(second));
    });
    QTRY_VERIFY_WITH_TIMEOUT(second->has_value(), kWaitMs);
    QVERIFY(clock.elapsed() >= 1000);
    QVERIFY((*second)->has_value());
    QCOMPARE(m_emulator->acceptedMessages().size(), 1);
}

void TestMetaProvider::injectedFaults_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("pair rate limit") << u"error:131056x1"_s << 429 << u"131056"_s << Error::Kind::RateLimited << true;
    QTest::newRow("window, synchronously")
        << u"error:131047x1"_s << 400 << u"131047"_s << Error::Kind::OutsideWindow << false;
    QTest::newRow("expired token") << u"error:190x1"_s << 401 << u"190"_s << Error::Kind::Authentication << false;
    QTest::newRow("503 service") << u"503x1"_s << 503 << u"2"_s << Error::Kind::ServerError << true;
    QTest::newRow("500 unknown error") << u"500x1"_s << 500 << u"131000"_s << Error::Kind::ServerError << true;
    // QNAM quietly resends once after a reset, so the reset must last.
    QTest::newRow("connection reset") << u"reset"_s << 0 << u"network"_s << Error::Kind::Network << true;
}

void TestMetaProvider::injectedFaults()
{
    QFETCH(QString, fault);
    QFETCH(int, httpStatus);
    QFETCH(QString, code);
    QFETCH(Error::Kind, kind);
    QFETCH(bool, retryable);

    // Through the admin route, as a test run against the binary would do it.
    const Reply added = call("POST", u"/_emulator/faults"_s, u"{\"fault\":\"%1\"}"_s.arg(fault).toUtf8());
    QCOMPARE(added.status, 200);
    const Result<SendAccepted> result = send(*m_provider, text(u"fault"_s));
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().httpStatus, httpStatus);
    QCOMPARE(result.error().code, code);
    QCOMPARE(result.error().kind, kind);
    QCOMPARE(result.error().retryable, retryable);
    if (httpStatus != 0 && code != u"190"_s) { // 190 has its own message (§7.6)
        QVERIFY2(result.error().message.startsWith(u"(#%1) "_s.arg(code)), qPrintable(result.error().message));
    }
    QCOMPARE(call("POST", u"/_emulator/faults"_s, R"({"clear":true})").status, 200);
    QVERIFY(send(*m_provider, text(u"after the fault"_s)).has_value());
}

void TestMetaProvider::timeoutIsKindTimeout()
{
    m_emulator->addFault(*FaultSpec::parse(u"timeoutx1"_s));
    MetaConfig cfg = config();
    cfg.timeoutMs = 300;
    auto provider = makeProvider(cfg);
    QElapsedTimer clock;
    clock.start();
    const Result<SendAccepted> result = send(*provider, text(u"anyone?"_s));
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().kind, Error::Kind::Timeout);
    QVERIFY(clock.elapsed() < 3000);
}

void TestMetaProvider::refusedConnectionIsKindNetwork()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = probe.serverPort();
    probe.close();

    MetaConfig cfg = config();
    QUrl api = cfg.apiUrl;
    api.setPort(closedPort);
    cfg.apiUrl = api;
    const Result<SendAccepted> result = send(*makeProvider(cfg), text(u"hello?"_s));
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().kind, Error::Kind::Network);
    QVERIFY(result.error().retryable);
}

void TestMetaProvider::webhookRetriedAfterNon200()
{
    m_failNextWebhooks = 1;
    QCOMPARE(call("POST", u"/_emulator/inbound"_s, R"({"from":"+15557654321","body":"retry me","name":"Zoe"})").status,
             200);
    QTRY_COMPARE_WITH_TIMEOUT(m_webhooks.size(), 2, kWaitMs);
    QCOMPARE(m_webhooks.at(1).body, m_webhooks.at(0).body);
    QCOMPARE(m_webhooks.at(1).header("X-Hub-Signature-256"), m_webhooks.at(0).header("X-Hub-Signature-256"));
    QCOMPARE(inbound().size(), 2); // the same wamid twice: FlowChat deduplicates
    QCOMPARE(inbound().at(0).providerMessageId, inbound().at(1).providerMessageId);
}

void TestMetaProvider::emulatorEchoesVersion_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("conversationOnSent");
    QTest::newRow("v23.0") << u"v23.0"_s << true;
    QTest::newRow("v24.0 drops conversation") << u"v24.0"_s << false;
}

void TestMetaProvider::emulatorEchoesVersion()
{
    QFETCH(QString, version);
    QFETCH(bool, conversationOnSent);

    const Reply templates = call("GET", u"/%1/%2/message_templates?limit=1"_s.arg(version, kWabaId));
    QCOMPARE(templates.status, 200);
    QCOMPARE(templates.apiVersion, version.toLatin1());

    MetaConfig cfg = config();
    QUrl api = cfg.apiUrl;
    api.setPath(u"/"_s + version);
    cfg.apiUrl = api;
    const Result<SendAccepted> accepted = send(*makeProvider(cfg), text(u"version check"_s));
    QVERIFY(accepted.has_value());
    QTRY_COMPARE_WITH_TIMEOUT(m_webhooks.size(), 3, kWaitMs);
    QJsonObject sent;
    for (const WebhookRequest& webhook : std::as_const(m_webhooks)) {
        const QJsonObject object = QJsonDocument::fromJson(webhook.body).object();
        if (at(object, u"entry/0/changes/0/value/statuses/0/status"_s).toString() == u"sent"_s) {
            sent = object;
        }
    }
    QVERIFY(!sent.isEmpty());
    QCOMPARE(at(sent, u"entry/0/changes/0/value/statuses/0/conversation"_s).isObject(), conversationOnSent);
    QVERIFY(at(sent, u"entry/0/changes/0/value/statuses/0/pricing"_s).isObject());

    const Reply missing = call("GET", u"/%1/%2/no_such_edge"_s.arg(version, kPhoneId));
    QCOMPARE(missing.status, 404);
    QCOMPARE(at(QJsonDocument::fromJson(missing.body).object(), u"error/code"_s).toInt(), 100);
}

void TestMetaProvider::verificationChallenge_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("challenge"); // empty: refused
    QTest::addColumn<QString>("code");
    QTest::newRow("subscribe with the right token")
        << u"hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me-please"_s << u"1158201444"_s
        << QString();
    QTest::newRow("wrong token") << u"hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me-plea5e"_s
                                 << QString() << u"verify_token_invalid"_s;
    QTest::newRow("token prefix") << u"hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-me"_s << QString()
                                  << u"verify_token_invalid"_s;
    QTest::newRow("wrong mode") << u"hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=verify-me-please"_s
                                << QString() << u"verify_token_invalid"_s;
    QTest::newRow("missing token") << u"hub.mode=subscribe&hub.challenge=1"_s << QString()
                                   << u"verify_params_missing"_s;
}

void TestMetaProvider::verificationChallenge()
{
    QFETCH(QString, query);
    QFETCH(QString, challenge);
    QFETCH(QString, code);
    const Result<QString> answer = m_provider->verificationChallenge(QUrlQuery(query));
    if (!challenge.isEmpty()) {
        QVERIFY(answer.has_value());
        QCOMPARE(*answer, challenge);
        return;
    }
    QVERIFY(!answer.has_value());
    QCOMPARE(answer.error().kind, Error::Kind::Authentication);
    QCOMPARE(answer.error().code, code);
}

QTEST_GUILESS_MAIN(TestMetaProvider)
#include "TestMetaProvider.moc"
