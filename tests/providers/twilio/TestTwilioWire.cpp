#include "providers/ErrorCatalogue.h"
#include "providers/twilio/TwilioWire.h"
#include "tests/support/TestData.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace
{

const QDateTime kReceived = QDateTime(QDate(2025, 3, 1), QTime(12, 0, 0), Qt::UTC);

QByteArray readData(const QString& relative)
{
    QFile file(testDataPath(u"providers/data/twilio/"_s + relative));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot read %s", qPrintable(file.fileName()));
        return {};
    }
    return file.readAll();
}

TwilioConfig config(const QString& from = u"+14155238886"_s)
{
    TwilioConfig c;
    c.accountSid = u"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s;
    c.authToken = u"emu_auth_token_0123456789abcdef"_s;
    c.fromNumber = from;
    return c;
}

OutgoingMessage text(const QString& body, const QStringList& media = {})
{
    OutgoingMessage m;
    m.to = u"+14155550100"_s;
    m.body = body;
    m.mediaUrls = media;
    m.type = media.isEmpty() ? MessageType::Text : MessageType::Image;
    return m;
}

OutgoingMessage templated(const QString& name, const QStringList& parameters)
{
    OutgoingMessage m;
    m.to = u"+14155550100"_s;
    m.type = MessageType::Template;
    m.templateName = name;
    m.templateParameters = parameters;
    return m;
}

HttpResponse response(int status, const QByteArray& body, std::optional<std::chrono::seconds> retryAfter = std::nullopt)
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.retryAfter = retryAfter;
    r.contentType = "application/json";
    if (status >= 400) {
        r.networkError = QNetworkReply::UnknownContentError;
    }
    return r;
}

// A stable JSON form of an event, compared against the *.expected.json golden files.
QJsonObject toJson(const WebhookEvent& event)
{
    if (const auto* status = std::get_if<StatusUpdate>(&event)) {
        return {
            {u"event"_s, u"status"_s},
            {u"providerMessageId"_s, status->providerMessageId},
            {u"status"_s, Status::toString(status->status)},
            {u"rawStatus"_s, status->rawStatus},
            {u"recipient"_s, status->recipient},
            {u"errorCode"_s, status->errorCode},
            {u"errorMessage"_s, status->errorMessage},
        };
    }
    const auto& in = std::get<InboundMessage>(event);
    QJsonObject out{
        {u"event"_s, u"inbound"_s},
        {u"providerMessageId"_s, in.providerMessageId},
        {u"from"_s, in.from},
        {u"to"_s, in.to},
        {u"profileName"_s, in.profileName},
        {u"type"_s, MessageTypes::toString(in.type)},
        {u"text"_s, in.text},
        {u"replyToProviderId"_s, in.replyToProviderId},
    };
    if (in.media) {
        out.insert(u"media"_s,
                   QJsonObject{{u"id"_s, in.media->id},
                               {u"url"_s, in.media->url},
                               {u"mimeType"_s, in.media->mimeType},
                               {u"caption"_s, in.media->caption}});
    }
    if (in.location) {
        out.insert(u"location"_s,
                   QJsonObject{{u"latitude"_s, in.location->latitude},
                               {u"longitude"_s, in.location->longitude},
                               {u"name"_s, in.location->name},
                               {u"address"_s, in.location->address}});
    }
    if (in.button) {
        out.insert(u"button"_s, QJsonObject{{u"text"_s, in.button->text}, {u"payload"_s, in.button->payload}});
    }
    if (in.interactive) {
        out.insert(u"interactive"_s,
                   QJsonObject{{u"kind"_s, in.interactive->kind},
                               {u"id"_s, in.interactive->id},
                               {u"title"_s, in.interactive->title},
                               {u"description"_s, in.interactive->description}});
    }
    if (!in.unsupportedReason.isEmpty()) {
        out.insert(u"unsupportedReason"_s, in.unsupportedReason);
    }
    return out;
}

} // namespace

class TestTwilioWire : public QObject
{
    Q_OBJECT

private slots:
    void sendBody_data();
    void sendBody();
    void contentVariables_data();
    void contentVariables();
    void urls();
    void rebase_data();
    void rebase();
    void mapStatus_data();
    void mapStatus();
    void parseSendResponse_data();
    void parseSendResponse();
    void parseError_data();
    void parseError();
    void callbackErrorClassification_data();
    void callbackErrorClassification();
    void parseTemplatePage();
    void parseTemplatePageLast();
    void parseTemplatePageInvalid();
    void parseContent_data();
    void parseContent();
    void findTemplate_data();
    void findTemplate();
    void parseWebhook_data();
    void parseWebhook();
    void parseWebhookKeepsUnknownFields();
    void parseWebhookRefusesGarbage_data();
    void parseWebhookRefusesGarbage();
};

void TestTwilioWire::sendBody_data()
{
    QTest::addColumn<OutgoingMessage>("message");
    QTest::addColumn<TwilioConfig>("cfg");
    QTest::addColumn<QString>("contentSid");
    QTest::addColumn<QByteArray>("expected");

    TwilioConfig noSender = config(QString());
    QTest::newRow("wire reference 1.3 capture")
        << text(u"Hi +1 & welcome"_s, {u"https://example.com/a.jpg"_s, u"https://example.com/b.jpg"_s}) << noSender
        << QString()
        << "To=whatsapp%3A%2B14155550100&Body=Hi%20%2B1%20%26%20welcome&MediaUrl=https%3A%2F%2Fexample.com%2Fa.jpg"
           "&MediaUrl=https%3A%2F%2Fexample.com%2Fb.jpg"_ba;
    QTest::newRow("text from the sender, UTF-8")
        << text(u"Olá 👋"_s) << config() << QString()
        << "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886&Body=Ol%C3%A1%20%F0%9F%91%8B"_ba;
    QTest::newRow("media only: no Body")
        << text(QString(), {u"https://example.com/a.pdf?x=1&y=2"_s}) << config() << QString()
        << "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886&MediaUrl=https%3A%2F%2Fexample.com%2Fa.pdf%3Fx%3D1%26y%3D2"_ba;
    QTest::newRow("empty text keeps an empty Body for Twilio to refuse")
        << text(QString()) << config() << QString()
        << "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886&Body="_ba;

    TwilioConfig service = config();
    service.messagingServiceSid = u"MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s;
    QTest::newRow("messaging service instead of From")
        << text(u"Hi"_s) << service << QString()
        << "To=whatsapp%3A%2B14155550100&MessagingServiceSid=MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&Body=Hi"_ba;

    QTest::newRow("wire reference 5.6 template")
        << templated(u"order_update"_s, {u"John"_s}) << config() << u"HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s
        << "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886&ContentSid=HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
           "&ContentVariables=%7B%221%22%3A%22John%22%7D"_ba;
    OutgoingMessage withBody = templated(u"order_update"_s, {});
    withBody.body = u"ignored"_s;
    withBody.mediaUrls = {u"https://example.com/a.jpg"_s};
    QTest::newRow("template leaves out Body, MediaUrl and empty variables")
        << withBody << config() << u"HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s
        << "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886&ContentSid=HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_ba;

    TwilioConfig callback = config();
    callback.statusCallbackUrl = QUrl(u"https://flowchat.example.com/api/whatsapp/webhook?provider=twilio"_s);
    QTest::newRow("status callback last")
        << text(u"a+b"_s) << callback << QString()
        << "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886&Body=a%2Bb"
           "&StatusCallback=https%3A%2F%2Fflowchat.example.com%2Fapi%2Fwhatsapp%2Fwebhook%3Fprovider%3Dtwilio"_ba;

    OutgoingMessage prefixed = text(u"x"_s);
    prefixed.to = u"whatsapp:+14155550100"_s;
    QTest::newRow("already prefixed recipient")
        << prefixed << config(u"whatsapp:+14155238886"_s) << QString()
        << "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886&Body=x"_ba;
}

void TestTwilioWire::sendBody()
{
    QFETCH(OutgoingMessage, message);
    QFETCH(TwilioConfig, cfg);
    QFETCH(QString, contentSid);
    QFETCH(QByteArray, expected);
    QCOMPARE(TwilioWire::sendBody(message, cfg, contentSid), expected);
}

void TestTwilioWire::contentVariables_data()
{
    QTest::addColumn<QStringList>("parameters");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one") << QStringList{u"John"_s} << QStringList() << uR"({"1":"John"})"_s;
    QTest::newRow("two") << QStringList{u"John"_s, u"A-123"_s} << QStringList() << uR"({"1":"John","2":"A-123"})"_s;
    QTest::newRow("quotes, backslash, newline, non-ASCII")
        << QStringList{u"say \"hi\""_s, u"C:\\x\nnext"_s, u"José 👋"_s} << QStringList()
        << uR"({"1":"say \"hi\"","2":"C:\\x\nnext","3":"José 👋"})"_s;
    QTest::newRow("ten keys stay in numeric order")
        << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s, u"g"_s, u"h"_s, u"i"_s, u"j"_s} << QStringList()
        << uR"({"1":"a","2":"b","3":"c","4":"d","5":"e","6":"f","7":"g","8":"h","9":"i","10":"j"})"_s;
    QTest::newRow("named variables") << QStringList{u"John"_s, u"42"_s} << QStringList{u"first_name"_s, u"co\"de"_s}
                                     << uR"({"first_name":"John","co\"de":"42"})"_s;
    QTest::newRow("names that do not match the values are ignored")
        << QStringList{u"John"_s, u"42"_s} << QStringList{u"first_name"_s} << uR"({"1":"John","2":"42"})"_s;
    QTest::newRow("none") << QStringList() << QStringList() << u"{}"_s;
}

void TestTwilioWire::contentVariables()
{
    QFETCH(QStringList, parameters);
    QFETCH(QStringList, names);
    QFETCH(QString, expected);
    const QString json = TwilioWire::contentVariables(parameters, names);
    QCOMPARE(json, expected);
    QVERIFY(QJsonDocument::fromJson(json.toUtf8()).isObject());
}

void TestTwilioWire::urls()
{
    TwilioConfig c = config();
    QCOMPARE(TwilioWire::messagesUrl(c).toString(),
             u"https://api.twilio.com/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages.json"_s);
    c.templatePageSize = 2;
    QCOMPARE(TwilioWire::contentAndApprovalsUrl(c).toString(),
             u"https://content.twilio.com/v1/ContentAndApprovals?PageSize=2"_s);
    c.apiBaseUrl = QUrl(u"http://127.0.0.1:8081/twilio/"_s);
    QCOMPARE(TwilioWire::messagesUrl(c).toString(),
             u"http://127.0.0.1:8081/twilio/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages.json"_s);
}

void TestTwilioWire::rebase_data()
{
    QTest::addColumn<QUrl>("next");
    QTest::addColumn<QUrl>("base");
    QTest::addColumn<QString>("expected");
    const QUrl next(u"https://content.twilio.com/v1/ContentAndApprovals?PageSize=2&Page=1&PageToken=PTHX%2Bb"_s);
    QTest::newRow("onto the emulator")
        << next << QUrl(u"http://127.0.0.1:4567"_s)
        << u"http://127.0.0.1:4567/v1/ContentAndApprovals?PageSize=2&Page=1&PageToken=PTHX%2Bb"_s;
    QTest::newRow("onto a path prefix")
        << next << QUrl(u"http://proxy.local/content/"_s)
        << u"http://proxy.local/content/v1/ContentAndApprovals?PageSize=2&Page=1&PageToken=PTHX%2Bb"_s;
    QTest::newRow("foreign host is not followed")
        << QUrl(u"https://evil.example/v1/ContentAndApprovals?Page=1"_s) << QUrl(u"https://content.twilio.com"_s)
        << u"https://content.twilio.com/v1/ContentAndApprovals?Page=1"_s;
    QTest::newRow("prefix already present")
        << QUrl(u"http://proxy.local/content/v1/Content?Page=1"_s) << QUrl(u"http://proxy.local/content"_s)
        << u"http://proxy.local/content/v1/Content?Page=1"_s;
}

void TestTwilioWire::rebase()
{
    QFETCH(QUrl, next);
    QFETCH(QUrl, base);
    QFETCH(QString, expected);
    QCOMPARE(TwilioWire::rebase(next, base).toString(QUrl::FullyEncoded), expected);
}

void TestTwilioWire::mapStatus_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<MessageStatus>("expected");
    QTest::newRow("accepted") << u"accepted"_s << MessageStatus::Queued;
    QTest::newRow("scheduled") << u"scheduled"_s << MessageStatus::Queued;
    QTest::newRow("queued") << u"queued"_s << MessageStatus::Queued;
    QTest::newRow("sending stays below our sending") << u"sending"_s << MessageStatus::Queued;
    QTest::newRow("sent") << u"sent"_s << MessageStatus::Sent;
    QTest::newRow("delivered") << u"delivered"_s << MessageStatus::Delivered;
    QTest::newRow("read") << u"read"_s << MessageStatus::Read;
    QTest::newRow("undelivered") << u"undelivered"_s << MessageStatus::Undelivered;
    QTest::newRow("failed") << u"failed"_s << MessageStatus::Failed;
    QTest::newRow("canceled") << u"canceled"_s << MessageStatus::Failed;
    QTest::newRow("received") << u"received"_s << MessageStatus::Received;
    QTest::newRow("upper case") << u"DELIVERED"_s << MessageStatus::Delivered;
    QTest::newRow("partially_delivered is not ours") << u"partially_delivered"_s << MessageStatus::Unknown;
    QTest::newRow("empty") << QString() << MessageStatus::Unknown;
}

void TestTwilioWire::mapStatus()
{
    QFETCH(QString, raw);
    QFETCH(MessageStatus, expected);
    QCOMPARE(TwilioWire::mapStatus(raw), expected);
}

void TestTwilioWire::parseSendResponse_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("sid"); // empty: an error is expected
    QTest::addColumn<MessageStatus>("ladder");
    QTest::addColumn<QString>("raw");

    const QByteArray fixture = readData(u"messages/create_201.json"_s);
    QTest::newRow("wire reference 1.4") << 201 << fixture << u"SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s
                                        << MessageStatus::Queued << u"queued"_s;
    QJsonObject accepted = QJsonDocument::fromJson(fixture).object();
    accepted.insert(u"status"_s, u"accepted"_s);
    accepted.insert(u"sid"_s, u"MMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s);
    QTest::newRow("messaging service: accepted, MM sid")
        << 201 << QJsonDocument(accepted).toJson() << u"MMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s << MessageStatus::Queued
        << u"accepted"_s;
    accepted.insert(u"status"_s, u"failed"_s);
    QTest::newRow("created but already failed")
        << 201 << QJsonDocument(accepted).toJson() << u"MMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s << MessageStatus::Failed
        << u"failed"_s;
    QTest::newRow("2xx without sid") << 201 << "{}"_ba << QString() << MessageStatus::Unknown << QString();
    QTest::newRow("2xx not JSON") << 200 << "<Response/>"_ba << QString() << MessageStatus::Unknown << QString();
    QTest::newRow("error body") << 400 << readData(u"messages/create_201.json"_s) << QString() << MessageStatus::Unknown
                                << QString();
}

void TestTwilioWire::parseSendResponse()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, sid);
    QFETCH(MessageStatus, ladder);
    QFETCH(QString, raw);
    QVERIFY(!body.isEmpty());
    const Result<SendAccepted> result = TwilioWire::parseSendResponse(response(status, body));
    QCOMPARE(result.has_value(), !sid.isEmpty());
    if (result) {
        QCOMPARE(result->providerMessageId, sid);
        QCOMPARE(result->status, ladder);
        QCOMPARE(result->rawStatus, raw);
    }
}

void TestTwilioWire::parseError_data()
{
    QTest::addColumn<HttpResponse>("reply");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("retryAfter"); // -1: none
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("21211 invalid To") << response(
        400,
        R"({"code": 21211, "message": "The 'To' number +1555 is not a valid phone number.", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400})")
                                      << Error::Kind::InvalidRecipient << u"21211"_s << false << u"to"_s << -1
                                      << u"not a valid phone number"_s;
    QTest::newRow("21211 code as a string")
        << response(400, R"({"code": "21211", "message": "Invalid 'To' Phone Number", "status": 400})")
        << Error::Kind::InvalidRecipient << u"21211"_s << false << u"to"_s << -1 << u"Invalid 'To'"_s;
    QTest::newRow("20003 with detail") << response(
        401,
        R"({"code":20003,"detail":"Your AccountSid or AuthToken was incorrect.","message":"Authentication Error - invalid username","more_info":"https://www.twilio.com/docs/errors/20003","status":401})")
                                       << Error::Kind::Authentication << u"20003"_s << false << QString() << -1
                                       << u"Your AccountSid or AuthToken was incorrect."_s;
    QTest::newRow("20429 with Retry-After")
        << response(429, R"({"code":20429,"message":"Too Many Requests","status":429})", std::chrono::seconds(1))
        << Error::Kind::RateLimited << u"20429"_s << true << QString() << 1 << u"Too Many Requests"_s;
    QTest::newRow("429 without a code") << response(429, "Too Many Requests") << Error::Kind::RateLimited
                                        << u"http_429"_s << true << QString() << -1 << u"429"_s;
    QTest::newRow("400 without a code keeps Twilio's message")
        << response(400, R"({"status":400,"message":"Unable to create record"})") << Error::Kind::Permanent
        << u"http_400"_s << false << QString() << -1 << u"Unable to create record"_s;
    QTest::newRow("502 HTML from a proxy")
        << response(502, "<html><body>Bad Gateway</body></html>") << Error::Kind::ServerError << u"http_502"_s << true
        << QString() << -1 << u"502"_s;
    QTest::newRow("20500") << response(
        500, R"({"code":20500,"message":"An internal server error has occurred","status":500})")
                           << Error::Kind::ServerError << u"20500"_s << true << QString() << -1
                           << u"internal server error"_s;
    QTest::newRow("21655 unknown ContentSid")
        << response(400, R"({"code":21655,"message":"The ContentSid is Invalid.","status":400})")
        << Error::Kind::TemplateMismatch << u"21655"_s << false << u"template_name"_s << -1 << u"ContentSid"_s;
    QTest::newRow("21656 bad ContentVariables")
        << response(400, R"({"code":21656,"message":"The ContentVariables Parameter is invalid.","status":400})")
        << Error::Kind::TemplateMismatch << u"21656"_s << false << u"template_parameters"_s << -1
        << u"ContentVariables"_s;
    QTest::newRow("63016 returned synchronously")
        << response(400, R"({"code":63016,"message":"Outside window","status":400})") << Error::Kind::OutsideWindow
        << u"63016"_s << false << QString() << -1 << u"Outside window"_s;
    QTest::newRow("21617 body too long") << response(400, R"({"code":21617,"message":"too long","status":400})")
                                         << Error::Kind::Permanent << u"21617"_s << false << u"body"_s << -1
                                         << u"too long"_s;
    QTest::newRow("20404") << response(
        404, R"({"code":20404,"message":"The requested resource /x was not found","status":404})")
                           << Error::Kind::Configuration << u"20404"_s << false << QString() << -1 << u"not found"_s;

    HttpResponse refused;
    refused.networkError = QNetworkReply::ConnectionRefusedError;
    refused.networkErrorText = u"Connection refused"_s;
    QTest::newRow("connection refused") << refused << Error::Kind::Network << u"network"_s << true << QString() << -1
                                        << u"Connection refused"_s;
    HttpResponse timedOut;
    timedOut.networkError = QNetworkReply::OperationCanceledError;
    QTest::newRow("transfer timeout") << timedOut << Error::Kind::Timeout << u"timeout"_s << true << QString() << -1
                                      << QString();
}

void TestTwilioWire::parseError()
{
    QFETCH(HttpResponse, reply);
    QFETCH(Error::Kind, kind);
    QFETCH(QString, code);
    QFETCH(bool, retryable);
    QFETCH(QString, field);
    QFETCH(int, retryAfter);
    QFETCH(QString, messagePart);

    const Error error = TwilioWire::parseError(reply);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.code, code);
    QCOMPARE(error.retryable, retryable);
    QCOMPARE(error.field, field);
    QCOMPARE(error.httpStatus, reply.status);
    QCOMPARE(error.retryAfter.has_value(), retryAfter >= 0);
    if (retryAfter >= 0) {
        QCOMPARE(error.retryAfter->count(), retryAfter);
    }
    QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
    QVERIFY(!error.message.isEmpty());

    // Through parseSendResponse the same reply is an error, never an accepted message.
    QVERIFY(!TwilioWire::parseSendResponse(reply).has_value());
}

void TestTwilioWire::callbackErrorClassification_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("63016 outside the window") << u"63016"_s << Error::Kind::OutsideWindow << false;
    QTest::newRow("63018 channel rate limit") << u"63018"_s << Error::Kind::RateLimited << true;
    QTest::newRow("30001 queue overflow") << u"30001"_s << Error::Kind::RateLimited << true;
    QTest::newRow("63009 channel 5xx") << u"63009"_s << Error::Kind::ServerError << true;
    QTest::newRow("30003 unreachable handset") << u"30003"_s << Error::Kind::InvalidRecipient << false;
    QTest::newRow("63003 not a WhatsApp user") << u"63003"_s << Error::Kind::InvalidRecipient << false;
    QTest::newRow("30008 unknown") << u"30008"_s << Error::Kind::Permanent << false;
}

void TestTwilioWire::callbackErrorClassification()
{
    // The ErrorCode of a status callback, classified the way the service does for async failures.
    QFETCH(QString, code);
    QFETCH(Error::Kind, kind);
    QFETCH(bool, retryable);
    const Result<QList<WebhookEvent>> events = TwilioWire::parseWebhook(
        "MessageSid=SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&MessageStatus=undelivered&ErrorCode=" + code.toLatin1());
    QVERIFY(events);
    const auto& update = std::get<StatusUpdate>(events->first());
    Error error;
    error.code = update.errorCode;
    error = ErrorCatalogue::classify(u"twilio"_s, error);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.retryable, retryable);
}

void TestTwilioWire::parseTemplatePage()
{
    const Result<TwilioWire::TemplatePage> page =
        TwilioWire::parseTemplatePage(response(200, readData(u"content/contentandapprovals_page0.json"_s)));
    QVERIFY(page);
    QCOMPARE(page->templates.size(), 6);
    QCOMPARE(
        page->nextPageUrl,
        QUrl(
            u"https://content.twilio.com/v1/ContentAndApprovals?PageSize=6&Page=1&PageToken=PTHX0123456789abcdef0123456789abcdef"_s));
    QStringList names;
    for (const Template& t : page->templates) {
        names.append(t.name);
    }
    QCOMPARE(names,
             (QStringList{u"order_update"_s,
                          u"shipping_notice"_s,
                          u"draft_promo"_s,
                          u"appointment_reminder"_s,
                          u"login_code"_s,
                          u"box_picker"_s}));
}

void TestTwilioWire::parseTemplatePageLast()
{
    const Result<TwilioWire::TemplatePage> page =
        TwilioWire::parseTemplatePage(response(200, readData(u"content/contentandapprovals_last.json"_s)));
    QVERIFY(page);
    QVERIFY(page->templates.isEmpty());
    QVERIFY(page->nextPageUrl.isEmpty());
}

void TestTwilioWire::parseTemplatePageInvalid()
{
    const Result<TwilioWire::TemplatePage> garbage = TwilioWire::parseTemplatePage(response(200, "<html>"));
    QVERIFY(!garbage);
    QCOMPARE(garbage.error().code, u"response_invalid"_s);
    const Result<TwilioWire::TemplatePage> refused =
        TwilioWire::parseTemplatePage(response(401, R"({"code":20003,"message":"Authenticate","status":401})"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, Error::Kind::Authentication);
}

void TestTwilioWire::parseContent_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("sid");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("approval");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("placeholders");
    QTest::addColumn<QStringList>("buttons");
    QTest::addColumn<QString>("footer");

    QTest::newRow("flat approval, twilio/text")
        << 0 << u"HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s << u"order_update"_s << u"en"_s << u"UTILITY"_s << u"approved"_s
        << u"Hi {{1}}, your order {{2}} has shipped."_s << QStringList{u"1"_s, u"2"_s} << QStringList() << QString();
    QTest::newRow("nested whatsapp approval names it, status lowercased")
        << 1 << u"HXcccccccccccccccccccccccccccccccc"_s << u"shipping_notice"_s << u"pt_BR"_s << u"UTILITY"_s
        << u"pending"_s << u"Seu pedido saiu para entrega."_s << QStringList() << QStringList() << QString();
    QTest::newRow("never submitted: friendly name, unsubmitted")
        << 2 << u"HXdddddddddddddddddddddddddddddddd"_s << u"draft_promo"_s << u"en"_s << QString() << u"unsubmitted"_s
        << u"Sale: {{1}} off"_s << QStringList{u"1"_s} << QStringList() << QString();
    QTest::newRow("quick-reply: twilio/text body first, numeric key order")
        << 3 << u"HXeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"_s << u"appointment_reminder"_s << u"en_US"_s << u"UTILITY"_s
        << u"approved"_s << u"Hello {{1}}, see you on {{2}}. Ref {{10}} (reply YES)"_s
        << QStringList{u"1"_s, u"2"_s, u"10"_s} << QStringList{u"Confirm"_s, u"Reschedule"_s} << QString();
    QTest::newRow("whatsapp/card: named placeholders from the body")
        << 4 << u"HXffffffffffffffffffffffffffffffff"_s << u"login_code"_s << u"es"_s << u"AUTHENTICATION"_s
        << u"rejected"_s << u"Hola {{first_name}}, tu código es {{code}}"_s << QStringList{u"first_name"_s, u"code"_s}
        << QStringList{u"Abrir"_s, u"Llamar"_s} << u"No lo compartas"_s;
    QTest::newRow("list-picker button") << 5 << u"HX0123456789abcdef0123456789abcdef"_s << u"box_picker"_s << u"en"_s
                                        << u"UTILITY"_s << u"approved"_s << u"Which box do you need?"_s << QStringList()
                                        << QStringList{u"Choose"_s} << QString();
}

void TestTwilioWire::parseContent()
{
    QFETCH(int, index);
    QFETCH(QString, sid);
    QFETCH(QString, name);
    QFETCH(QString, language);
    QFETCH(QString, category);
    QFETCH(QString, approval);
    QFETCH(QString, body);
    QFETCH(QStringList, placeholders);
    QFETCH(QStringList, buttons);
    QFETCH(QString, footer);

    const QJsonArray items = QJsonDocument::fromJson(readData(u"content/contentandapprovals_page0.json"_s))
                                 .object()
                                 .value(u"contents"_s)
                                 .toArray();
    QVERIFY(index < items.size());
    const Template t = TwilioWire::parseContent(items.at(index).toObject());
    QCOMPARE(t.providerId, sid);
    QCOMPARE(t.name, name);
    QCOMPARE(t.language, language);
    QCOMPARE(t.category, category);
    QCOMPARE(t.approvalStatus, approval);
    QCOMPARE(t.bodyText, body);
    QCOMPARE(t.placeholders, placeholders);
    QCOMPARE(t.buttons, buttons);
    QCOMPARE(t.footerText, footer);
    QVERIFY(!t.components.isEmpty());
    QVERIFY(t.components.first().toObject().contains(u"type"_s));
}

void TestTwilioWire::findTemplate_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expectedSid"); // empty: not found

    QTest::newRow("exact") << u"order_update"_s << u"en"_s << u"HX01"_s;
    QTest::newRow("en_US finds en (prefix fallback)") << u"order_update"_s << u"en_US"_s << u"HX01"_s;
    QTest::newRow("case and dash ignored") << u"order_update"_s << u"PT-br"_s << u"HX02"_s;
    QTest::newRow("pt finds pt_BR") << u"order_update"_s << u"pt"_s << u"HX02"_s;
    QTest::newRow("regional exact beats bare") << u"greeting"_s << u"en_GB"_s << u"HX05"_s;
    QTest::newRow("bare preferred for another region") << u"greeting"_s << u"en_AU"_s << u"HX04"_s;
    QTest::newRow("empty language takes the first approved") << u"order_update"_s << QString() << u"HX01"_s;
    QTest::newRow("pending is not sendable") << u"summer_sale"_s << u"en"_s << QString();
    QTest::newRow("unknown language") << u"order_update"_s << u"de"_s << QString();
    QTest::newRow("unknown name") << u"nope"_s << u"en"_s << QString();
    QTest::newRow("name is case-sensitive") << u"Order_Update"_s << u"en"_s << QString();
}

void TestTwilioWire::findTemplate()
{
    QFETCH(QString, name);
    QFETCH(QString, language);
    QFETCH(QString, expectedSid);
    const auto make = [](const QString& sid, const QString& n, const QString& lang, const QString& status) {
        Template t;
        t.providerId = sid;
        t.name = n;
        t.language = lang;
        t.approvalStatus = status;
        return t;
    };
    const QList<Template> templates{
        make(u"HX00"_s, u"summer_sale"_s, u"en"_s, u"pending"_s),
        make(u"HX01"_s, u"order_update"_s, u"en"_s, u"approved"_s),
        make(u"HX02"_s, u"order_update"_s, u"pt_BR"_s, u"approved"_s),
        make(u"HX03"_s, u"order_update"_s, u"de"_s, u"rejected"_s),
        make(u"HX06"_s, u"greeting"_s, u"en_US"_s, u"approved"_s),
        make(u"HX04"_s, u"greeting"_s, u"en"_s, u"approved"_s),
        make(u"HX05"_s, u"greeting"_s, u"en_GB"_s, u"approved"_s),
    };
    const std::optional<Template> found = TwilioWire::findTemplate(templates, name, language);
    QCOMPARE(found.has_value(), !expectedSid.isEmpty());
    if (found) {
        QCOMPARE(found->providerId, expectedSid);
    }
}

void TestTwilioWire::parseWebhook_data()
{
    QTest::addColumn<QString>("payload");
    const QDir dir(testDataPath(u"providers/data/twilio/webhooks"_s));
    const QStringList forms = dir.entryList({u"*.form"_s}, QDir::Files, QDir::Name);
    QVERIFY(forms.size() >= 20);
    for (const QString& form : forms) {
        const QString name = form.chopped(5);
        QTest::newRow(qPrintable(name)) << name;
    }
}

void TestTwilioWire::parseWebhook()
{
    QFETCH(QString, payload);
    const QByteArray body = readData(u"webhooks/"_s + payload + u".form"_s).trimmed();
    QVERIFY(!body.isEmpty());
    const Result<QList<WebhookEvent>> events = TwilioWire::parseWebhook(body, kReceived);
    QVERIFY(events);
    QCOMPARE(events->size(), 1);

    const QJsonObject actual = toJson(events->first());
    const QString expectedPath = testDataPath(u"providers/data/twilio/webhooks/"_s + payload + u".expected.json"_s);
    if (qEnvironmentVariableIsSet("FLOWCHAT_UPDATE_GOLDEN")) {
        QFile out(expectedPath);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(QJsonDocument(actual).toJson());
    }
    const QJsonObject expected =
        QJsonDocument::fromJson(readData(u"webhooks/"_s + payload + u".expected.json"_s)).object();
    QVERIFY2(!expected.isEmpty(), "missing or invalid .expected.json");
    if (actual != expected) {
        qWarning().noquote() << "actual:" << QJsonDocument(actual).toJson();
    }
    QCOMPARE(actual, expected);

    // Twilio sends no time: every event carries the receive time.
    if (const auto* status = std::get_if<StatusUpdate>(&events->first())) {
        QCOMPARE(status->provider, u"twilio"_s);
        QCOMPARE(status->timestamp, kReceived);
    } else {
        const auto& in = std::get<InboundMessage>(events->first());
        QCOMPARE(in.provider, u"twilio"_s);
        QCOMPARE(in.timestamp, kReceived);
        QCOMPARE(in.raw.value(u"MessageSid"_s).toString(), in.providerMessageId);
    }
}

void TestTwilioWire::parseWebhookKeepsUnknownFields()
{
    const QByteArray body = readData(u"webhooks/inbound_referral.form"_s).trimmed();
    const Result<QList<WebhookEvent>> events = TwilioWire::parseWebhook(body, kReceived);
    QVERIFY(events);
    const auto& in = std::get<InboundMessage>(events->first());
    QCOMPARE(in.raw.value(u"ReferralCtwaClid"_s).toString(), u"ARAbc123ClickId"_s);
    QCOMPARE(in.raw.value(u"ReferralSourceUrl"_s).toString(), u"https://fb.me/example-ad"_s);
    QCOMPARE(in.raw.value(u"WaId"_s).toString(), u"5511987654321"_s);
}

void TestTwilioWire::parseWebhookRefusesGarbage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("JSON") << R"({"MessageSid":"SM1"})"_ba;
    QTest::newRow("form without a sid") << "MessageStatus=delivered&To=whatsapp%3A%2B1"_ba;
}

void TestTwilioWire::parseWebhookRefusesGarbage()
{
    QFETCH(QByteArray, body);
    const Result<QList<WebhookEvent>> events = TwilioWire::parseWebhook(body, kReceived);
    QVERIFY(!events);
    QCOMPARE(events.error().kind, Error::Kind::Validation);
    QCOMPARE(events.error().code, u"webhook_invalid"_s);
}

QTEST_GUILESS_MAIN(TestTwilioWire)
#include "TestTwilioWire.moc"
