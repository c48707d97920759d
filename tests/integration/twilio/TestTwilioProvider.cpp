#include "providers/ErrorCatalogue.h"
#include "providers/FormEncoding.h"
#include "providers/emulator/TwilioEmulator.h"
#include "providers/twilio/TwilioProvider.h"
#include "providers/twilio/TwilioWire.h"
#include "tests/support/LogCapture.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace
{

const QString kAccountSid = u"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s;
const QString kAuthToken = u"emu_auth_token_0123456789abcdef"_s;
const QString kCustomer = u"+14155550100"_s;
constexpr int kWaitMs = 10'000;

OutgoingMessage textTo(const QString& to, const QString& body)
{
    OutgoingMessage m;
    m.to = to;
    m.body = body;
    return m;
}

OutgoingMessage
templateTo(const QString& to, const QString& name, const QString& language, const QStringList& parameters)
{
    OutgoingMessage m;
    m.to = to;
    m.type = MessageType::Template;
    m.templateName = name;
    m.templateLanguage = language;
    m.templateParameters = parameters;
    return m;
}

// Failure text for QVERIFY2, which evaluates its message even when the check passes.
template <typename T>
QByteArray describe(const Result<T>& result)
{
    return result ? QByteArray() : QString(result.error().code + u": "_s + result.error().message).toUtf8();
}

} // namespace

// TwilioProvider against an in-process TwilioEmulator on loopback, with a QHttpServer standing in
// for FlowChat's public webhook URL.
class TestTwilioProvider : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void send_data();
    void send();
    void templateNotFound_data();
    void templateNotFound();
    void listTemplatesAcrossPages();
    void templateCacheIsReused();
    void inboundMediaThroughRedirect();
    void fetchMediaRefusesForeignHosts();
    void badCredentials_data();
    void badCredentials();
    void refusedSends_data();
    void refusedSends();
    void outsideWindow();
    void rateLimitedThenSucceeds();
    void faults_data();
    void faults();
    void timeout();
    void connectionRefused();
    void forgedWebhooksRefused();
    void secretsNeverLogged();

private:
    void makeProvider();
    std::optional<Result<SendAccepted>> sendAndWait(const OutgoingMessage& message);
    std::optional<Result<QList<Template>>> listAndWait();
    QList<StatusUpdate> statusesFor(const QString& sid) const;
    void postAdmin(const QString& path, const QJsonObject& body);

    std::unique_ptr<TwilioEmulator> m_emulator;
    std::unique_ptr<QHttpServer> m_receiver;
    std::unique_ptr<NetworkPool> m_network;
    std::unique_ptr<TwilioProvider> m_provider;
    std::unique_ptr<QNetworkAccessManager> m_admin;
    TwilioConfig m_config;
    QUrl m_publicUrl;
    QList<WebhookRequest> m_webhooks;
};

void TestTwilioProvider::init()
{
    m_webhooks.clear();
    m_receiver = std::make_unique<QHttpServer>();
    m_receiver->route(
        u"/api/whatsapp/webhook"_s, QHttpServerRequest::Method::Post, [this](const QHttpServerRequest& request) {
            WebhookRequest webhook;
            webhook.url = request.url();
            webhook.headers = request.headers();
            webhook.body = request.body();
            m_webhooks.append(webhook);
            return QHttpServerResponse("text/xml", R"(<?xml version="1.0" encoding="UTF-8"?><Response/>)");
        });
    const quint16 receiverPort = m_receiver->listen(QHostAddress::LocalHost, 0);
    QVERIFY(receiverPort != 0);
    m_publicUrl = QUrl(u"http://127.0.0.1:%1/api/whatsapp/webhook"_s.arg(receiverPort));

    EmulatorOptions options;
    options.accountSid = kAccountSid;
    options.authToken = kAuthToken;
    // Far enough apart that the three callbacks of one message arrive in order on a busy machine.
    options.statusDelayMs = 50;
    options.webhookUrl = m_publicUrl;
    m_emulator = std::make_unique<TwilioEmulator>(options);
    QVERIFY(m_emulator->listen() != 0);

    m_config = TwilioConfig();
    m_config.accountSid = kAccountSid;
    m_config.authToken = kAuthToken;
    m_config.fromNumber = u"+14155238886"_s;
    m_config.apiBaseUrl = m_emulator->baseUrl();
    m_config.contentBaseUrl = m_emulator->baseUrl();
    m_config.statusCallbackUrl = m_publicUrl;
    m_config.webhookUrl = m_publicUrl;
    m_config.timeoutMs = 5'000;
    m_config.templatePageSize = 2; // six seeded templates: three pages
    m_network = std::make_unique<NetworkPool>(6);
    m_admin = std::make_unique<QNetworkAccessManager>();
    makeProvider();
}

void TestTwilioProvider::cleanup()
{
    m_provider.reset();
    m_network.reset();
    m_admin.reset();
    m_emulator.reset();
    m_receiver.reset();
}

void TestTwilioProvider::makeProvider()
{
    m_provider = std::make_unique<TwilioProvider>(m_config, m_network.get());
}

std::optional<Result<SendAccepted>> TestTwilioProvider::sendAndWait(const OutgoingMessage& message)
{
    std::optional<Result<SendAccepted>> result;
    m_provider->send(message, this, [&result](Result<SendAccepted> r) { result = std::move(r); });
    // An empty optional tells the caller it timed out.
    (void)QTest::qWaitFor([&result] { return result.has_value(); }, kWaitMs);
    return result;
}

std::optional<Result<QList<Template>>> TestTwilioProvider::listAndWait()
{
    std::optional<Result<QList<Template>>> result;
    m_provider->listTemplates(this, [&result](Result<QList<Template>> r) { result = std::move(r); });
    // An empty optional tells the caller it timed out.
    (void)QTest::qWaitFor([&result] { return result.has_value(); }, kWaitMs);
    return result;
}

QList<StatusUpdate> TestTwilioProvider::statusesFor(const QString& sid) const
{
    QList<StatusUpdate> updates;
    for (const WebhookRequest& webhook : m_webhooks) {
        const Result<QList<WebhookEvent>> events = m_provider->parseWebhook(webhook);
        if (!events) {
            continue;
        }
        for (const WebhookEvent& event : *events) {
            if (const auto* update = std::get_if<StatusUpdate>(&event); update && update->providerMessageId == sid) {
                updates.append(*update);
            }
        }
    }
    return updates;
}

void TestTwilioProvider::postAdmin(const QString& path, const QJsonObject& body)
{
    QUrl url = m_emulator->baseUrl();
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = m_admin->post(request, QJsonDocument(body).toJson());
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

void TestTwilioProvider::send_data()
{
    QTest::addColumn<OutgoingMessage>("message");
    QTest::addColumn<QString>("sidPrefix");
    QTest::addColumn<QStringList>("mediaUrls"); // MediaUrl pairs the emulator received
    QTest::addColumn<QString>("contentSid"); // ContentSid it received
    QTest::addColumn<QString>("contentVariables"); // ContentVariables it received
    QTest::addColumn<QString>("renderedBody"); // the body of the created message

    QTest::newRow("text with '+' and '&'") << textTo(kCustomer, u"Hi +1 & welcome"_s) << u"SM"_s << QStringList()
                                           << QString() << QString() << u"Hi +1 & welcome"_s;
    OutgoingMessage media = textTo(kCustomer, u"Photo of the box"_s);
    media.type = MessageType::Image;
    media.mediaUrls = {u"https://example.com/a.jpg"_s, u"https://example.com/b.png"_s};
    QTest::newRow("media: one MediaUrl per URL")
        << media << u"MM"_s << media.mediaUrls << QString() << QString() << u"Photo of the box"_s;
    QTest::newRow("template by ContentSid")
        << templateTo(kCustomer, u"HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s, QString(), {u"John"_s, u"A-123"_s}) << u"SM"_s
        << QStringList() << u"HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s << uR"({"1":"John","2":"A-123"})"_s
        << u"Hi John, your order A-123 has shipped."_s;
    QTest::newRow("template by name on page 2, en_US finds en")
        << templateTo(kCustomer, u"appointment_reminder"_s, u"en_US"_s, {u"Ana"_s, u"12 May"_s, u"10:00"_s}) << u"SM"_s
        << QStringList() << u"HXdddddddddddddddddddddddddddddddd"_s << uR"({"1":"Ana","2":"12 May","3":"10:00"})"_s
        << u"Hello Ana, your appointment is on 12 May at 10:00."_s;
    QTest::newRow("template by name and language, pt-BR")
        << templateTo(kCustomer, u"order_update"_s, u"pt-BR"_s, {u"João"_s, u"P-9"_s}) << u"SM"_s << QStringList()
        << u"HXeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"_s << uR"({"1":"João","2":"P-9"})"_s
        << u"Olá João, seu pedido P-9 foi enviado."_s;
}

void TestTwilioProvider::send()
{
    QFETCH(OutgoingMessage, message);
    QFETCH(QString, sidPrefix);
    QFETCH(QStringList, mediaUrls);
    QFETCH(QString, contentSid);
    QFETCH(QString, contentVariables);
    QFETCH(QString, renderedBody);

    const std::optional<Result<SendAccepted>> result = sendAndWait(message);
    QVERIFY(result.has_value());
    QVERIFY2(result->has_value(), describe(*result).constData());
    const SendAccepted accepted = **result;
    QVERIFY(accepted.providerMessageId.startsWith(sidPrefix));
    QCOMPARE(accepted.providerMessageId.size(), 34);
    QCOMPARE(accepted.status, MessageStatus::Queued);
    QCOMPARE(accepted.rawStatus, u"queued"_s);

    // What reached Twilio's API, decoded the way Twilio decodes it.
    QCOMPARE(m_emulator->createRequestBodies().size(), 1);
    const Form::Fields form = Form::decode(m_emulator->createRequestBodies().first());
    QCOMPARE(Form::value(form, u"To"_s), u"whatsapp:"_s + kCustomer);
    QCOMPARE(Form::value(form, u"From"_s), u"whatsapp:+14155238886"_s);
    QCOMPARE(Form::values(form, u"MediaUrl"_s), mediaUrls);
    QCOMPARE(Form::value(form, u"ContentSid"_s), contentSid);
    QCOMPARE(Form::value(form, u"ContentVariables"_s), contentVariables);
    QCOMPARE(Form::value(form, u"StatusCallback"_s), m_publicUrl.toString());
    const QJsonObject stored = m_emulator->message(accepted.providerMessageId);
    QCOMPARE(stored.value(u"body"_s).toString(), renderedBody);
    QCOMPARE(stored.value(u"num_media"_s).toString(), QString::number(mediaUrls.size()));

    // Signed status callbacks arrive at the public URL, verify, and climb the ladder in order.
    QTRY_COMPARE_WITH_TIMEOUT(statusesFor(accepted.providerMessageId).size(), 3, kWaitMs);
    for (const WebhookRequest& webhook : std::as_const(m_webhooks)) {
        QVERIFY(!webhook.header("X-Twilio-Signature").isEmpty());
        const Result<void> verified = m_provider->verifyWebhook(webhook);
        QVERIFY2(verified.has_value(), describe(verified).constData());
    }
    const QList<StatusUpdate> updates = statusesFor(accepted.providerMessageId);
    QCOMPARE(updates.at(0).status, MessageStatus::Sent);
    QCOMPARE(updates.at(1).status, MessageStatus::Delivered);
    QCOMPARE(updates.at(2).status, MessageStatus::Read);
    for (const StatusUpdate& update : updates) {
        QCOMPARE(update.provider, u"twilio"_s);
        QCOMPARE(update.recipient, kCustomer);
        QVERIFY(update.errorCode.isEmpty());
    }
    QTRY_COMPARE_WITH_TIMEOUT(
        m_emulator->message(accepted.providerMessageId).value(u"status"_s).toString(), u"read"_s, kWaitMs);
}

void TestTwilioProvider::templateNotFound_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("language");
    QTest::newRow("unknown name") << u"no_such_template"_s << u"en"_s;
    QTest::newRow("pending approval") << u"summer_sale"_s << u"en"_s;
    QTest::newRow("rejected") << u"flash_promo"_s << u"en"_s;
    QTest::newRow("never submitted") << u"draft_notice"_s << u"en"_s;
    QTest::newRow("no such language") << u"order_update"_s << u"de"_s;
}

void TestTwilioProvider::templateNotFound()
{
    QFETCH(QString, name);
    QFETCH(QString, language);
    const std::optional<Result<SendAccepted>> result = sendAndWait(templateTo(kCustomer, name, language, {u"x"_s}));
    QVERIFY(result.has_value());
    QVERIFY(!result->has_value());
    QCOMPARE(result->error().kind, Error::Kind::TemplateMismatch);
    QCOMPARE(result->error().code, u"template_not_found"_s);
    QCOMPARE(result->error().field, u"template_name"_s);
    // The list was read, and no request reached Messages.
    QVERIFY(m_emulator->requestLog().filter(u"/v1/ContentAndApprovals"_s).size() == 3);
    QVERIFY(m_emulator->requestLog().filter(u"Messages.json"_s).isEmpty());
    QVERIFY(m_emulator->createRequestBodies().isEmpty());
}

void TestTwilioProvider::listTemplatesAcrossPages()
{
    const std::optional<Result<QList<Template>>> result = listAndWait();
    QVERIFY(result.has_value());
    QVERIFY2(result->has_value(), describe(*result).constData());
    const QList<Template> templates = **result;

    QStringList names;
    for (const Template& t : templates) {
        names.append(t.name + u'/' + t.language + u'/' + t.approvalStatus);
    }
    QCOMPARE(names,
             (QStringList{u"order_update/en/approved"_s,
                          u"summer_sale/en/pending"_s,
                          u"appointment_reminder/en/approved"_s,
                          u"order_update/pt_BR/approved"_s,
                          u"flash_promo/en/rejected"_s,
                          u"draft_notice/en/unsubmitted"_s}));
    const Template& reminder = templates.at(2);
    QCOMPARE(reminder.providerId, u"HXdddddddddddddddddddddddddddddddd"_s);
    QCOMPARE(reminder.placeholders, (QStringList{u"1"_s, u"2"_s, u"3"_s}));
    QCOMPARE(reminder.buttons, (QStringList{u"Confirm"_s, u"Reschedule"_s}));
    QCOMPARE(reminder.category, u"UTILITY"_s);
    QCOMPARE(reminder.bodyText, u"Hello {{1}}, your appointment is on {{2}} at {{3}}."_s);

    // Three pages of two, each asked with PageSize=2, following next_page_url.
    const QStringList pages = m_emulator->requestLog().filter(u"/v1/ContentAndApprovals"_s);
    QCOMPARE(pages.size(), 3);
    QCOMPARE(pages.at(0), u"GET /v1/ContentAndApprovals?PageSize=2"_s);
    QVERIFY(pages.at(1).contains(u"PageSize=2&Page=1&PageToken="_s));
    QVERIFY(pages.at(2).contains(u"PageSize=2&Page=2&PageToken="_s));
    QCOMPARE(m_provider->cachedTemplates().size(), 6);
}

void TestTwilioProvider::templateCacheIsReused()
{
    QVERIFY(listAndWait().has_value());
    QCOMPARE(m_emulator->requestLog().filter(u"/v1/ContentAndApprovals"_s).size(), 3);
    const std::optional<Result<SendAccepted>> result =
        sendAndWait(templateTo(kCustomer, u"order_update"_s, u"en"_s, {u"Ana"_s, u"B-1"_s}));
    QVERIFY(result.has_value() && result->has_value());
    QCOMPARE(m_emulator->requestLog().filter(u"/v1/ContentAndApprovals"_s).size(), 3);
    QCOMPARE(Form::value(Form::decode(m_emulator->createRequestBodies().constLast()), u"ContentSid"_s),
             u"HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s);
}

void TestTwilioProvider::inboundMediaThroughRedirect()
{
    postAdmin(u"/_emulator/inbound"_s,
              {{u"from"_s, u"+5511987654321"_s},
               {u"body"_s, u"Foto da caixa"_s},
               {u"name"_s, u"José"_s},
               {u"media_url"_s, u"https://example.com/box.png"_s}});
    QTRY_COMPARE_WITH_TIMEOUT(m_webhooks.size(), 1, kWaitMs);
    const WebhookRequest webhook = m_webhooks.first();
    const Result<void> verified = m_provider->verifyWebhook(webhook);
    QVERIFY2(verified.has_value(), describe(verified).constData());
    const Result<QList<WebhookEvent>> events = m_provider->parseWebhook(webhook);
    QVERIFY(events && events->size() == 1);
    const auto* inbound = std::get_if<InboundMessage>(&events->first());
    QVERIFY(inbound);
    QCOMPARE(inbound->from, u"+5511987654321"_s);
    QCOMPARE(inbound->to, TwilioEmulator::defaultSender());
    QCOMPARE(inbound->profileName, u"José"_s);
    QCOMPARE(inbound->type, MessageType::Image);
    QVERIFY(inbound->providerMessageId.startsWith(u"MM"_s));
    QVERIFY(inbound->media.has_value());
    QCOMPARE(inbound->media->mimeType, u"image/png"_s);
    QCOMPARE(inbound->media->caption, u"Foto da caixa"_s);
    QVERIFY(inbound->media->url.startsWith(m_emulator->baseUrl().toString()));

    std::optional<Result<MediaData>> fetched;
    m_provider->fetchMedia({inbound->media->id, inbound->media->url, inbound->media->mimeType},
                           this,
                           [&fetched](Result<MediaData> r) { fetched = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(fetched.has_value(), kWaitMs);
    QVERIFY2(fetched->has_value(), describe(*fetched).constData());
    QCOMPARE((*fetched)->bytes, m_emulator->mediaBytes(inbound->media->id));
    QVERIFY((*fetched)->bytes.startsWith("\x89PNG"));
    QCOMPARE((*fetched)->mimeType, u"image/png"_s);
    QCOMPARE((*fetched)->fileName, inbound->media->id + u".png"_s);
    // The authenticated media URL was asked once; the bytes came from where it redirected.
    QCOMPARE(m_emulator->requestLog().filter(u"/Media/"_s).size(), 1);
}

void TestTwilioProvider::fetchMediaRefusesForeignHosts()
{
    std::optional<Result<MediaData>> fetched;
    m_provider->fetchMedia(
        {QString(), u"https://evil.example/2010-04-01/Accounts/AC/Messages/MM/Media/ME"_s, QString()},
        this,
        [&fetched](Result<MediaData> r) { fetched = std::move(r); });
    QTRY_VERIFY(fetched.has_value());
    QVERIFY(!fetched->has_value());
    QCOMPARE(fetched->error().kind, Error::Kind::Validation);
    QCOMPARE(fetched->error().field, u"media_url"_s);
}

void TestTwilioProvider::badCredentials_data()
{
    QTest::addColumn<QString>("accountSid");
    QTest::addColumn<QString>("authToken");
    QTest::newRow("wrong token") << kAccountSid << u"not_the_token"_s;
    QTest::newRow("wrong account") << u"ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s << kAuthToken;
    QTest::newRow("no token") << kAccountSid << QString();
}

void TestTwilioProvider::badCredentials()
{
    QFETCH(QString, accountSid);
    QFETCH(QString, authToken);
    m_config.accountSid = accountSid;
    m_config.authToken = authToken;
    makeProvider();

    const std::optional<Result<SendAccepted>> sent = sendAndWait(textTo(kCustomer, u"hi"_s));
    QVERIFY(sent.has_value() && !sent->has_value());
    QCOMPARE(sent->error().kind, Error::Kind::Authentication);
    QCOMPARE(sent->error().code, u"20003"_s);
    QCOMPARE(sent->error().httpStatus, 401);
    QVERIFY(!sent->error().retryable);

    const std::optional<Result<QList<Template>>> listed = listAndWait();
    QVERIFY(listed.has_value() && !listed->has_value());
    QCOMPARE(listed->error().kind, Error::Kind::Authentication);
    QVERIFY(m_emulator->acceptedMessages().isEmpty());
}

void TestTwilioProvider::refusedSends_data()
{
    QTest::addColumn<OutgoingMessage>("message");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<QString>("field");

    QTest::newRow("21211 Twilio's invalid test number") << textTo(TwilioEmulator::invalidTestNumber(), u"hi"_s)
                                                        << u"21211"_s << Error::Kind::InvalidRecipient << u"to"_s;
    QTest::newRow("21211 too short") << textTo(u"+1555"_s, u"hi"_s) << u"21211"_s << Error::Kind::InvalidRecipient
                                     << u"to"_s;
    QTest::newRow("21211 no plus") << textTo(u"14155550100"_s, u"hi"_s) << u"21211"_s << Error::Kind::InvalidRecipient
                                   << u"to"_s;
    QTest::newRow("21619 empty body") << textTo(kCustomer, QString()) << u"21619"_s << Error::Kind::Permanent
                                      << u"body"_s;
    QTest::newRow("21617 body over 1600")
        << textTo(kCustomer, QString(1601, u'x')) << u"21617"_s << Error::Kind::Permanent << u"body"_s;
    OutgoingMessage badMedia = textTo(kCustomer, QString());
    badMedia.mediaUrls = {u"ftp://example.com/a.jpg"_s};
    QTest::newRow("21620 media URL not http(s)") << badMedia << u"21620"_s << Error::Kind::Permanent << u"media_url"_s;
    QTest::newRow("21655 unknown ContentSid")
        << templateTo(kCustomer, u"HX00000000000000000000000000000000"_s, QString(), {}) << u"21655"_s
        << Error::Kind::TemplateMismatch << u"template_name"_s;
}

void TestTwilioProvider::refusedSends()
{
    QFETCH(OutgoingMessage, message);
    QFETCH(QString, code);
    QFETCH(Error::Kind, kind);
    QFETCH(QString, field);
    const std::optional<Result<SendAccepted>> result = sendAndWait(message);
    QVERIFY(result.has_value() && !result->has_value());
    QCOMPARE(result->error().code, code);
    QCOMPARE(result->error().kind, kind);
    QCOMPARE(result->error().field, field);
    QCOMPARE(result->error().httpStatus, 400);
    QVERIFY(!result->error().retryable);
    QVERIFY(!result->error().message.isEmpty());
    QCOMPARE(m_emulator->createRequestBodies().size(), 1);
}

void TestTwilioProvider::outsideWindow()
{
    m_emulator->setWindowOpen(kCustomer.mid(1), false);
    const std::optional<Result<SendAccepted>> freeForm = sendAndWait(textTo(kCustomer, u"Are you still there?"_s));
    QVERIFY(freeForm.has_value() && freeForm->has_value());
    const QString sid = (*freeForm)->providerMessageId;
    QCOMPARE((*freeForm)->status, MessageStatus::Queued); // 63016 is asynchronous

    QTRY_COMPARE_WITH_TIMEOUT(statusesFor(sid).size(), 1, kWaitMs);
    const StatusUpdate update = statusesFor(sid).first();
    QCOMPARE(update.status, MessageStatus::Undelivered);
    QCOMPARE(update.errorCode, u"63016"_s);
    QVERIFY(!update.errorMessage.isEmpty());
    Error error;
    error.code = update.errorCode;
    error = ErrorCatalogue::classify(u"twilio"_s, error);
    QCOMPARE(error.kind, Error::Kind::OutsideWindow);
    QVERIFY(!error.retryable);

    // A template is allowed outside the window; once it is read, the free-form send had nothing more.
    const std::optional<Result<SendAccepted>> tmpl =
        sendAndWait(templateTo(kCustomer, u"HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s, QString(), {u"Ana"_s, u"C-3"_s}));
    QVERIFY(tmpl.has_value() && tmpl->has_value());
    QTRY_COMPARE_WITH_TIMEOUT(statusesFor((*tmpl)->providerMessageId).size(), 3, kWaitMs);
    QCOMPARE(statusesFor(sid).size(), 1);
    QCOMPARE(m_emulator->message(sid).value(u"error_code"_s).toInt(), 63016);
}

void TestTwilioProvider::rateLimitedThenSucceeds()
{
    const Result<FaultSpec> fault = FaultSpec::parse(u"429:1x1"_s);
    QVERIFY(fault);
    m_emulator->addFault(*fault);

    const std::optional<Result<SendAccepted>> first = sendAndWait(textTo(kCustomer, u"hello"_s));
    QVERIFY(first.has_value() && !first->has_value());
    const Error error = first->error();
    QCOMPARE(error.kind, Error::Kind::RateLimited);
    QCOMPARE(error.code, u"20429"_s);
    QCOMPARE(error.httpStatus, 429);
    QVERIFY(error.retryable);
    QVERIFY(error.retryAfter.has_value());
    QCOMPARE(*error.retryAfter, std::chrono::seconds(1));

    // The caller waits as told, then the same send goes through.
    QElapsedTimer waited;
    waited.start();
    std::optional<Result<SendAccepted>> second;
    QTimer::singleShot(*error.retryAfter, this, [this, &second] {
        m_provider->send(
            textTo(kCustomer, u"hello"_s), this, [&second](Result<SendAccepted> r) { second = std::move(r); });
    });
    QTRY_VERIFY_WITH_TIMEOUT(second.has_value(), kWaitMs);
    QVERIFY(waited.elapsed() >= 1000);
    QVERIFY2(second->has_value(), describe(*second).constData());
    QCOMPARE(m_emulator->acceptedMessages().size(), 1);
}

void TestTwilioProvider::faults_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("500") << u"500x1"_s << Error::Kind::ServerError << u"20500"_s << true;
    QTest::newRow("503") << u"503x1"_s << Error::Kind::ServerError << u"20503"_s << true;
    QTest::newRow("502 without a Twilio code") << u"502x1"_s << Error::Kind::ServerError << u"http_502"_s << true;
    QTest::newRow("63016 returned synchronously")
        << u"error:63016x1"_s << Error::Kind::OutsideWindow << u"63016"_s << false;
    // Qt resends a request whose connection closed before any answer, so every attempt is reset.
    QTest::newRow("connection reset") << u"reset"_s << Error::Kind::Network << u"network"_s << true;
}

void TestTwilioProvider::faults()
{
    QFETCH(QString, fault);
    QFETCH(Error::Kind, kind);
    QFETCH(QString, code);
    QFETCH(bool, retryable);
    const Result<FaultSpec> spec = FaultSpec::parse(fault);
    QVERIFY(spec);
    m_emulator->addFault(*spec);
    const std::optional<Result<SendAccepted>> result = sendAndWait(textTo(kCustomer, u"hello"_s));
    QVERIFY(result.has_value() && !result->has_value());
    QCOMPARE(result->error().kind, kind);
    QCOMPARE(result->error().code, code);
    QCOMPARE(result->error().retryable, retryable);
    // Without the fault the next send is accepted.
    m_emulator->clearFaults();
    const std::optional<Result<SendAccepted>> next = sendAndWait(textTo(kCustomer, u"hello"_s));
    QVERIFY(next.has_value() && next->has_value());
}

void TestTwilioProvider::timeout()
{
    m_config.timeoutMs = 300;
    makeProvider();
    const Result<FaultSpec> spec = FaultSpec::parse(u"timeoutx1"_s);
    QVERIFY(spec);
    m_emulator->addFault(*spec);
    QElapsedTimer elapsed;
    elapsed.start();
    const std::optional<Result<SendAccepted>> result = sendAndWait(textTo(kCustomer, u"hello"_s));
    QVERIFY(result.has_value() && !result->has_value());
    QCOMPARE(result->error().kind, Error::Kind::Timeout);
    QCOMPARE(result->error().httpStatus, 0);
    QVERIFY(elapsed.elapsed() < 5'000);
}

void TestTwilioProvider::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now
    m_config.apiBaseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    m_config.contentBaseUrl = m_config.apiBaseUrl;
    makeProvider();

    const std::optional<Result<SendAccepted>> result = sendAndWait(textTo(kCustomer, u"hello"_s));
    QVERIFY(result.has_value() && !result->has_value());
    QCOMPARE(result->error().kind, Error::Kind::Network);
    QVERIFY(result->error().retryable);
    const std::optional<Result<QList<Template>>> listed = listAndWait();
    QVERIFY(listed.has_value() && !listed->has_value());
    QCOMPARE(listed->error().kind, Error::Kind::Network);
}

void TestTwilioProvider::forgedWebhooksRefused()
{
    postAdmin(u"/_emulator/inbound"_s, {{u"from"_s, u"+5511987654321"_s}, {u"body"_s, u"Olá"_s}});
    QTRY_COMPARE_WITH_TIMEOUT(m_webhooks.size(), 1, kWaitMs);
    const WebhookRequest genuine = m_webhooks.first();
    QVERIFY(m_provider->verifyWebhook(genuine).has_value());

    const auto expectRefused = [this](const WebhookRequest& request) {
        const Result<void> verdict = m_provider->verifyWebhook(request);
        return !verdict.has_value() && verdict.error().kind == Error::Kind::Authentication
               && verdict.error().code == u"signature_invalid"_s;
    };
    WebhookRequest tampered = genuine;
    tampered.body.replace("Ol%C3%A1", "Bye");
    QVERIFY(expectRefused(tampered));
    WebhookRequest unsigned_ = genuine;
    unsigned_.headers.clear();
    QVERIFY(expectRefused(unsigned_));

    // Signed for the public URL: a provider configured with another public URL refuses it.
    m_config.webhookUrl = QUrl(u"https://flowchat.example.com/api/whatsapp/webhook"_s);
    m_config.statusCallbackUrl = m_config.webhookUrl;
    makeProvider();
    QVERIFY(expectRefused(genuine));
    m_config.authToken = u"another_token"_s;
    m_config.webhookUrl = m_publicUrl;
    makeProvider();
    QVERIFY(expectRefused(genuine));
}

void TestTwilioProvider::secretsNeverLogged()
{
    LogCapture capture;
    QVERIFY(sendAndWait(textTo(kCustomer, u"hello"_s)).has_value());
    QVERIFY(sendAndWait(textTo(TwilioEmulator::invalidTestNumber(), u"x"_s)).has_value());
    QVERIFY(listAndWait().has_value());
    m_config.authToken = u"wrong_secret_token_value"_s;
    makeProvider();
    QVERIFY(sendAndWait(textTo(kCustomer, u"hello"_s)).has_value());

    QVERIFY(!capture.lines().isEmpty()); // debug logging is on under ctest
    const QString basic = QString::fromLatin1((kAccountSid + u':' + kAuthToken).toUtf8().toBase64());
    QVERIFY(!capture.contains(kAuthToken));
    QVERIFY(!capture.contains(u"wrong_secret_token_value"_s));
    QVERIFY(!capture.contains(basic));
    QVERIFY(!capture.contains(u"Authorization"_s));
}

QTEST_GUILESS_MAIN(TestTwilioProvider)
#include "TestTwilioProvider.moc"
