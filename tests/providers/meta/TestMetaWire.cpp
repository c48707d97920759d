#include "providers/meta/MetaWire.h"
#include "tests/support/TestData.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(HttpResponse)
Q_DECLARE_METATYPE(Error::Kind)

namespace
{

QJsonObject json(const QByteArray& text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (!doc.isObject()) {
        qWarning("bad JSON in test table: %s", qPrintable(error.errorString()));
    }
    return doc.object();
}

QString pretty(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

void putIf(QJsonObject& object, const char* key, const QString& value)
{
    if (!value.isEmpty()) {
        object.insert(QLatin1String(key), value);
    }
}

QString isoTime(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

// The golden-file rendering of parsed events: every field FlowChat uses, empty strings left out.
QJsonObject render(const InboundMessage& in)
{
    QJsonObject out{{u"event"_s, u"inbound"_s}, {u"type"_s, MessageTypes::toString(in.type)}};
    putIf(out, "provider", in.provider);
    putIf(out, "id", in.providerMessageId);
    putIf(out, "from", in.from);
    putIf(out, "to", in.to);
    putIf(out, "profileName", in.profileName);
    putIf(out, "timestamp", isoTime(in.timestamp));
    putIf(out, "text", in.text);
    putIf(out, "replyTo", in.replyToProviderId);
    putIf(out, "unsupportedReason", in.unsupportedReason);
    if (in.media) {
        QJsonObject media{{u"voice"_s, in.media->voice}, {u"animated"_s, in.media->animated}};
        putIf(media, "id", in.media->id);
        putIf(media, "url", in.media->url);
        putIf(media, "mimeType", in.media->mimeType);
        putIf(media, "sha256", in.media->sha256);
        putIf(media, "caption", in.media->caption);
        putIf(media, "fileName", in.media->fileName);
        out.insert(u"media"_s, media);
    }
    if (in.location) {
        QJsonObject location{{u"latitude"_s, in.location->latitude}, {u"longitude"_s, in.location->longitude}};
        putIf(location, "name", in.location->name);
        putIf(location, "address", in.location->address);
        putIf(location, "url", in.location->url);
        out.insert(u"location"_s, location);
    }
    if (!in.contacts.isEmpty()) {
        out.insert(u"contacts"_s, in.contacts);
    }
    if (in.button) {
        out.insert(u"button"_s, QJsonObject{{u"text"_s, in.button->text}, {u"payload"_s, in.button->payload}});
    }
    if (in.interactive) {
        QJsonObject interactive{
            {u"kind"_s, in.interactive->kind}, {u"id"_s, in.interactive->id}, {u"title"_s, in.interactive->title}};
        putIf(interactive, "description", in.interactive->description);
        out.insert(u"interactive"_s, interactive);
    }
    if (in.reaction) {
        out.insert(u"reaction"_s,
                   QJsonObject{{u"target"_s, in.reaction->targetProviderId}, {u"emoji"_s, in.reaction->emoji}});
    }
    return out;
}

QJsonObject render(const StatusUpdate& status)
{
    QJsonObject out{{u"event"_s, u"status"_s}, {u"status"_s, Status::toString(status.status)}};
    putIf(out, "provider", status.provider);
    putIf(out, "id", status.providerMessageId);
    putIf(out, "rawStatus", status.rawStatus);
    putIf(out, "timestamp", isoTime(status.timestamp));
    putIf(out, "recipient", status.recipient);
    putIf(out, "errorCode", status.errorCode);
    putIf(out, "errorMessage", status.errorMessage);
    putIf(out, "localId", status.localId);
    return out;
}

QJsonObject render(const TemplateStatusUpdate& update)
{
    QJsonObject out{{u"event"_s, u"template_status"_s}};
    putIf(out, "templateId", update.templateId);
    putIf(out, "name", update.name);
    putIf(out, "language", update.language);
    putIf(out, "templateEvent", update.event);
    putIf(out, "reason", update.reason);
    return out;
}

QJsonArray render(const QList<WebhookEvent>& events)
{
    QJsonArray out;
    for (const WebhookEvent& event : events) {
        out.append(std::visit([](const auto& value) { return render(value); }, event));
    }
    return out;
}

HttpResponse response(int status, const QByteArray& body, std::optional<std::chrono::seconds> retryAfter = std::nullopt)
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.retryAfter = retryAfter;
    if (status >= 400) {
        r.networkError = QNetworkReply::ProtocolInvalidOperationError;
    }
    return r;
}

HttpResponse transportFailure(QNetworkReply::NetworkError error)
{
    HttpResponse r;
    r.networkError = error;
    r.networkErrorText = u"transport"_s;
    return r;
}

QByteArray readData(const QString& relative)
{
    QFile file(testDataPath(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot read %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

} // namespace

class TestMetaWire : public QObject
{
    Q_OBJECT

private slots:
    void buildSendBody_data();
    void buildSendBody();
    void buildSendBodyRefuses_data();
    void buildSendBodyRefuses();
    void mediaTypeFromUrl_data();
    void mediaTypeFromUrl();
    void statusFromMeta_data();
    void statusFromMeta();
    void parseSendResponse_data();
    void parseSendResponse();
    void parseGraphErrorFields();
    void placeholdersOf_data();
    void placeholdersOf();
    void parseTemplatePage();
    void parseTemplateLastPage();
    void parseMediaInfo_data();
    void parseMediaInfo();
    void parseWebhook_data();
    void parseWebhook();
    void parseWebhookRefuses_data();
    void parseWebhookRefuses();
};

void TestMetaWire::buildSendBody_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("media");
    QTest::addColumn<QStringList>("templateSpec"); // name, language, then parameters as key=value
    QTest::addColumn<QString>("replyTo");
    QTest::addColumn<QString>("localId");
    QTest::addColumn<QByteArray>("metadata");
    QTest::addColumn<QByteArray>("expected");

    const QString to = u"+16505551234"_s;
    const QString wamid = u"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="_s;
    QTest::newRow("text without link")
        << u"text"_s << to << u"Hi John, how can we help?"_s << QStringList() << QStringList() << QString() << QString()
        << QByteArray()
        << QByteArray(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text",
                         "text":{"preview_url":false,"body":"Hi John, how can we help?"}})");
    QTest::newRow("text with https link previews")
        << u"text"_s << to << u"Track it at https://x.co/a"_s << QStringList() << QStringList() << QString()
        << QString() << QByteArray()
        << QByteArray(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text",
                         "text":{"preview_url":true,"body":"Track it at https://x.co/a"}})");
    QTest::newRow("upper-case HTTP link previews")
        << u"text"_s << to << u"see HTTP://EXAMPLE.COM"_s << QStringList() << QStringList() << QString() << QString()
        << QByteArray()
        << QByteArray(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text",
                         "text":{"preview_url":true,"body":"see HTTP://EXAMPLE.COM"}})");
    QTest::newRow("the word https is not a link")
        << u"text"_s << to << u"we only use https: here"_s << QStringList() << QStringList() << QString() << QString()
        << QByteArray()
        << QByteArray(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text",
                         "text":{"preview_url":false,"body":"we only use https: here"}})");
    QTest::newRow("to as digits from any form")
        << u"text"_s << u"whatsapp:+55 (11) 98765-4321"_s << u"Olá"_s << QStringList() << QStringList() << QString()
        << QString() << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987654321","type":"text",
                         "text":{"preview_url":false,"body":"Olá"}})");
    QTest::newRow("image with caption")
        << u"image"_s << to << u"Your receipt"_s << QStringList{u"https://cdn.example.com/p.jpg"_s} << QStringList()
        << QString() << QString() << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"image",
                         "image":{"link":"https://cdn.example.com/p.jpg","caption":"Your receipt"}})");
    QTest::newRow("text type with a .png url becomes an image")
        << u"text"_s << to << QString() << QStringList{u"https://cdn.example.com/chart.PNG"_s} << QStringList()
        << QString() << QString() << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"image",
                         "image":{"link":"https://cdn.example.com/chart.PNG"}})");
    QTest::newRow("audio takes no caption")
        << u"audio"_s << to << u"ignored"_s << QStringList{u"https://cdn.example.com/note.ogg"_s} << QStringList()
        << QString() << QString() << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"audio",
                         "audio":{"link":"https://cdn.example.com/note.ogg"}})");
    QTest::newRow("video inferred from .mp4")
        << u"text"_s << to << u"How to"_s << QStringList{u"https://cdn.example.com/v.mp4"_s} << QStringList()
        << QString() << QString() << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"video",
                         "video":{"link":"https://cdn.example.com/v.mp4","caption":"How to"}})");
    QTest::newRow("document filename from the URL path")
        << u"document"_s << to << u"Invoice"_s
        << QStringList{u"https://cdn.example.com/files/invoice-123.pdf?sig=abc"_s} << QStringList() << QString()
        << QString() << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"document",
                         "document":{"link":"https://cdn.example.com/files/invoice-123.pdf?sig=abc","caption":"Invoice","filename":"invoice-123.pdf"}})");
    QTest::newRow("unknown extension is a document")
        << u"text"_s << to << QString() << QStringList{u"https://cdn.example.com/report.csv"_s} << QStringList()
        << QString() << QString() << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"document",
                         "document":{"link":"https://cdn.example.com/report.csv","filename":"report.csv"}})");
    QTest::newRow("sticker from .webp, no caption")
        << u"text"_s << to << u"ignored"_s << QStringList{u"https://cdn.example.com/s.webp"_s} << QStringList()
        << QString() << QString() << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"sticker",
                         "sticker":{"link":"https://cdn.example.com/s.webp"}})");
    QTest::newRow("positional template keeps parameter order")
        << u"template"_s << to << QString() << QStringList()
        << QStringList{u"order_update"_s, u"en_US"_s, u"John"_s, u"A-123"_s} << QString() << QString() << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"template",
                         "template":{"name":"order_update","language":{"code":"en_US","policy":"deterministic"},
                         "components":[{"type":"body","parameters":[{"type":"text","text":"John"},{"type":"text","text":"A-123"}]}]}})");
    QTest::newRow("named template sends parameter_name")
        << u"template"_s << to << QString() << QStringList()
        << QStringList{u"order_named"_s, u"en"_s, u"first_name=John"_s, u"order_id=A-123"_s} << QString() << QString()
        << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"template",
                         "template":{"name":"order_named","language":{"code":"en","policy":"deterministic"},
                         "components":[{"type":"body","parameters":[
                            {"type":"text","parameter_name":"first_name","text":"John"},
                            {"type":"text","parameter_name":"order_id","text":"A-123"}]}]}})");
    QTest::newRow("template without parameters has no components")
        << u"template"_s << to << QString() << QStringList() << QStringList{u"hello_world"_s, u"en_US"_s} << QString()
        << QString() << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"template",
                         "template":{"name":"hello_world","language":{"code":"en_US","policy":"deterministic"}}})");
    QTest::newRow("reply carries context.message_id")
        << u"text"_s << to << u"Replying to your question"_s << QStringList() << QStringList() << wamid << QString()
        << QByteArray()
        << QByteArray(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text",
                         "context":{"message_id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="},
                         "text":{"preview_url":false,"body":"Replying to your question"}})");
    QTest::newRow("local id becomes biz_opaque_callback_data")
        << u"text"_s << to << u"hi"_s << QStringList() << QStringList() << QString() << u"fc-42"_s << QByteArray()
        << QByteArray(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text",
                         "text":{"preview_url":false,"body":"hi"},"biz_opaque_callback_data":"fc-42"})");
    QTest::newRow("reaction targets the replied message")
        << u"reaction"_s << to << u"👍"_s << QStringList() << QStringList() << wamid << QString() << QByteArray()
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"reaction",
                         "reaction":{"message_id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","emoji":"👍"}})");
    QTest::newRow("location from metadata")
        << u"location"_s << to << QString() << QStringList() << QStringList() << QString() << QString()
        << QByteArray(R"({"location":{"latitude":37.758056,"longitude":-122.425332,"name":"META HQ"}})")
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"location",
                         "location":{"latitude":37.758056,"longitude":-122.425332,"name":"META HQ"}})");
    QTest::newRow("interactive buttons from metadata")
        << u"interactive"_s << to << QString() << QStringList() << QStringList() << QString() << QString()
        << QByteArray(R"({"interactive":{"type":"button","body":{"text":"Solved?"},
                          "action":{"buttons":[{"type":"reply","reply":{"id":"yes","title":"Yes"}}]}}})")
        << QByteArray(
               R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"interactive",
                         "interactive":{"type":"button","body":{"text":"Solved?"},
                          "action":{"buttons":[{"type":"reply","reply":{"id":"yes","title":"Yes"}}]}}})");
}

void TestMetaWire::buildSendBody()
{
    QFETCH(QString, type);
    QFETCH(QString, to);
    QFETCH(QString, body);
    QFETCH(QStringList, media);
    QFETCH(QStringList, templateSpec);
    QFETCH(QString, replyTo);
    QFETCH(QString, localId);
    QFETCH(QByteArray, metadata);
    QFETCH(QByteArray, expected);

    OutgoingMessage message;
    message.type = *MessageTypes::fromString(type);
    message.to = to;
    message.body = body;
    message.mediaUrls = media;
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
    message.localId = localId;
    if (!metadata.isEmpty()) {
        message.metadata = json(metadata);
    }

    const Result<QJsonObject> built = MetaWire::buildSendBody(message);
    QVERIFY2(built.has_value(), built.has_value() ? "" : qPrintable(built.error().message));
    QCOMPARE(pretty(*built), pretty(json(expected)));
}

void TestMetaWire::buildSendBodyRefuses_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("mediaUrl");
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QString>("field");

    const QString to = u"+16505551234"_s;
    QTest::newRow("no recipient digits") << u"text"_s << u"whatsapp:"_s << u"hi"_s << QString() << QString() << u"to"_s;
    QTest::newRow("empty text") << u"text"_s << to << u"   "_s << QString() << QString() << u"body"_s;
    QTest::newRow("text over 4096") << u"text"_s << to << QString(4097, u'x') << QString() << QString() << u"body"_s;
    QTest::newRow("image without URL") << u"image"_s << to << u"caption"_s << QString() << QString() << u"media_url"_s;
    QTest::newRow("ftp media URL") << u"image"_s << to << QString() << u"ftp://x/p.jpg"_s << QString()
                                   << u"media_url"_s;
    QTest::newRow("caption over 1024") << u"image"_s << to << QString(1025, u'c') << u"https://x/p.jpg"_s << QString()
                                       << u"body"_s;
    QTest::newRow("template without name")
        << u"template"_s << to << QString() << QString() << QString() << u"template_name"_s;
    QTest::newRow("location without metadata")
        << u"location"_s << to << QString() << QString() << QString() << u"metadata"_s;
    QTest::newRow("reaction without target")
        << u"reaction"_s << to << u"👍"_s << QString() << QString() << u"reply_to"_s;
    QTest::newRow("button cannot be sent") << u"button"_s << to << u"x"_s << QString() << QString() << u"type"_s;
}

void TestMetaWire::buildSendBodyRefuses()
{
    QFETCH(QString, type);
    QFETCH(QString, to);
    QFETCH(QString, body);
    QFETCH(QString, mediaUrl);
    QFETCH(QString, templateName);
    QFETCH(QString, field);

    OutgoingMessage message;
    message.type = *MessageTypes::fromString(type);
    message.to = to;
    message.body = body;
    if (!mediaUrl.isEmpty()) {
        message.mediaUrls = {mediaUrl};
    }
    message.templateName = templateName;
    const Result<QJsonObject> built = MetaWire::buildSendBody(message);
    QVERIFY(!built.has_value());
    QCOMPARE(built.error().kind, Error::Kind::Validation);
    QCOMPARE(built.error().field, field);
}

void TestMetaWire::mediaTypeFromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("type");
    QTest::newRow("jpeg") << u"https://x.co/a/photo.jpeg"_s << u"image"_s;
    QTest::newRow("query does not count") << u"https://x.co/a.png?x=y.pdf"_s << u"image"_s;
    QTest::newRow("webp sticker") << u"https://x.co/s.webp"_s << u"sticker"_s;
    QTest::newRow("3gp video") << u"https://x.co/v.3gp"_s << u"video"_s;
    QTest::newRow("opus audio") << u"https://x.co/v.opus"_s << u"audio"_s;
    QTest::newRow("pdf") << u"https://x.co/i.pdf"_s << u"document"_s;
    QTest::newRow("no extension") << u"https://x.co/download"_s << u"document"_s;
}

void TestMetaWire::mediaTypeFromUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, type);
    QCOMPARE(MessageTypes::toString(MetaWire::mediaTypeFromUrl(QUrl(url))), type);
}

void TestMetaWire::statusFromMeta_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<MessageStatus>("status");
    QTest::newRow("accepted") << u"accepted"_s << MessageStatus::Queued;
    QTest::newRow("absent") << QString() << MessageStatus::Queued;
    QTest::newRow("held for quality") << u"held_for_quality_assessment"_s << MessageStatus::Queued;
    QTest::newRow("paused") << u"paused"_s << MessageStatus::Queued;
    QTest::newRow("sent") << u"sent"_s << MessageStatus::Sent;
    QTest::newRow("delivered") << u"delivered"_s << MessageStatus::Delivered;
    QTest::newRow("read") << u"read"_s << MessageStatus::Read;
    QTest::newRow("played is read") << u"played"_s << MessageStatus::Read;
    QTest::newRow("failed") << u"failed"_s << MessageStatus::Failed;
    QTest::newRow("unknown word") << u"deleted"_s << MessageStatus::Unknown;
}

void TestMetaWire::statusFromMeta()
{
    QFETCH(QString, raw);
    QFETCH(MessageStatus, status);
    QCOMPARE(MetaWire::statusFromMeta(raw), status);
}

void TestMetaWire::parseSendResponse_data()
{
    QTest::addColumn<HttpResponse>("reply");
    QTest::addColumn<QString>("id"); // success when non-empty
    QTest::addColumn<QString>("raw"); // raw status on success
    QTest::addColumn<QString>("code"); // error code otherwise
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<int>("retryAfter"); // -1: none
    QTest::addColumn<QString>("messageHas");

    const QByteArray accepted =
        R"({"messaging_product":"whatsapp","contacts":[{"input":"+16505551234","wa_id":"16505551234"}],
        "messages":[{"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA","message_status":"accepted"}]})";
    const QByteArray held =
        R"({"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],
        "messages":[{"id":"wamid.gBGGSFcCNEOPAgkO_KJ55r4w_ww","message_status":"held_for_quality_assessment"}]})";
    const QByteArray plain =
        R"({"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],
        "messages":[{"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI="}]})";
    auto envelope = [](int code, const char* message, const char* details = "") {
        return QStringLiteral(R"({"error":{"message":"%1","type":"OAuthException","code":%2,
            "error_data":{"messaging_product":"whatsapp","details":"%3"},"fbtrace_id":"AXsgnV2Cm3ZMGF3dF_cfYIn"}})")
            .arg(QLatin1String(message))
            .arg(code)
            .arg(QLatin1String(details))
            .toUtf8();
    };
    const auto K = [](Error::Kind kind) {
        return kind;
    };

    QTest::newRow("accepted (§7.5)") << response(200, accepted)
                                     << u"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA"_s << u"accepted"_s
                                     << QString() << K(Error::Kind::Permanent) << false << -1 << QString();
    QTest::newRow("held for quality assessment")
        << response(200, held) << u"wamid.gBGGSFcCNEOPAgkO_KJ55r4w_ww"_s << u"held_for_quality_assessment"_s
        << QString() << K(Error::Kind::Permanent) << false << -1 << QString();
    QTest::newRow("no message_status") << response(200, plain) << u"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI="_s
                                       << u"accepted"_s << QString() << K(Error::Kind::Permanent) << false << -1
                                       << QString();
    QTest::newRow("200 without an id") << response(200, "{}") << QString() << QString() << u"unexpected_response"_s
                                       << K(Error::Kind::ServerError) << false << -1 << QString();
    QTest::newRow("invalid recipient 131009 (§7.6)") << response(
        400, R"({"error":{"message":"(#131009) Parameter value is not valid","type":"OAuthException","code":131009,
              "error_subcode":2494010,"error_data":{"messaging_product":"whatsapp","details":"Recipient phone number is not valid"},
              "is_transient":false,"fbtrace_id":"AXsgnV2Cm3ZMGF3dF_cfYIn"}})")
                                                     << QString() << QString() << u"131009"_s
                                                     << K(Error::Kind::InvalidRecipient) << false << -1
                                                     << u"Recipient phone number is not valid"_s;
    QTest::newRow("bad token 190") << response(
        401,
        R"({"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190,"fbtrace_id":"AemuTrace01"}})")
                                   << QString() << QString() << u"190"_s << K(Error::Kind::Authentication) << false
                                   << -1 << u"Invalid OAuth access token"_s;
    QTest::newRow("throughput 130429 on 429 with Retry-After")
        << response(429, envelope(130429, "(#130429) Rate limit hit"), std::chrono::seconds(2)) << QString()
        << QString() << u"130429"_s << K(Error::Kind::RateLimited) << true << 2 << u"Rate limit hit"_s;
    QTest::newRow("pair rate 131056 on 400")
        << response(400, envelope(131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit"))
        << QString() << QString() << u"131056"_s << K(Error::Kind::RateLimited) << true << 6
        << u"pair rate limit"_s; // §12.3: at least 6 s
    QTest::newRow("WABA rate 80007") << response(400, envelope(80007, "(#80007) Rate limit issues")) << QString()
                                     << QString() << u"80007"_s << K(Error::Kind::RateLimited) << true << -1
                                     << QString();
    QTest::newRow("window 131047 reported synchronously")
        << response(400, envelope(131047, "(#131047) Re-engagement message", "more than 24 hours")) << QString()
        << QString() << u"131047"_s << K(Error::Kind::OutsideWindow) << false << -1 << u"more than 24 hours"_s;
    QTest::newRow("template missing 132001 on 404")
        << response(404,
                    envelope(132001,
                             "(#132001) Template name does not exist in the translation",
                             "template name (x) does not exist in en_US"))
        << QString() << QString() << u"132001"_s << K(Error::Kind::TemplateMismatch) << false << -1
        << u"does not exist in en_US"_s;
    QTest::newRow("template parameter count 132000")
        << response(400,
                    envelope(132000, "(#132000) Number of parameters does not match the expected number of params"))
        << QString() << QString() << u"132000"_s << K(Error::Kind::TemplateMismatch) << false << -1 << QString();
    QTest::newRow("undeliverable 131026")
        << response(400, envelope(131026, "(#131026) Message undeliverable")) << QString() << QString() << u"131026"_s
        << K(Error::Kind::InvalidRecipient) << false << -1 << QString();
    QTest::newRow("is_transient makes an unknown code retryable") << response(
        400,
        R"({"error":{"message":"(#135000) Generic user error","type":"OAuthException","code":135000,"is_transient":true,"fbtrace_id":"A1"}})")
                                                                  << QString() << QString() << u"135000"_s
                                                                  << K(Error::Kind::Permanent) << true << -1
                                                                  << QString();
    QTest::newRow("502 without an envelope") << response(502, "<html>Bad Gateway</html>") << QString() << QString()
                                             << u"http_502"_s << K(Error::Kind::ServerError) << true << -1 << QString();
    QTest::newRow("connection refused") << transportFailure(QNetworkReply::ConnectionRefusedError) << QString()
                                        << QString() << u"network"_s << K(Error::Kind::Network) << true << -1
                                        << QString();
    QTest::newRow("transfer timeout") << transportFailure(QNetworkReply::OperationCanceledError) << QString()
                                      << QString() << u"timeout"_s << K(Error::Kind::Timeout) << true << -1
                                      << QString();
}

void TestMetaWire::parseSendResponse()
{
    QFETCH(HttpResponse, reply);
    QFETCH(QString, id);
    QFETCH(QString, raw);
    QFETCH(QString, code);
    QFETCH(Error::Kind, kind);
    QFETCH(bool, retryable);
    QFETCH(int, retryAfter);
    QFETCH(QString, messageHas);

    const Result<SendAccepted> result = MetaWire::parseSendResponse(reply);
    if (!id.isEmpty()) {
        QVERIFY2(result.has_value(), result.has_value() ? "" : qPrintable(result.error().message));
        QCOMPARE(result->providerMessageId, id);
        QCOMPARE(result->rawStatus, raw);
        QCOMPARE(result->status, MessageStatus::Queued);
        return;
    }
    QVERIFY(!result.has_value());
    const Error& error = result.error();
    QCOMPARE(error.code, code);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.retryable, retryable);
    QCOMPARE(error.httpStatus, reply.status);
    QCOMPARE(error.retryAfter.has_value(), retryAfter >= 0);
    if (retryAfter >= 0) {
        QCOMPARE(error.retryAfter->count(), retryAfter);
    }
    QVERIFY2(error.message.contains(messageHas), qPrintable(error.message));
}

void TestMetaWire::parseGraphErrorFields()
{
    const std::optional<MetaWire::GraphError> error = MetaWire::parseGraphError(R"({"error": {
        "message": "(#131009) Parameter value is not valid", "type": "OAuthException", "code": 131009,
        "error_subcode": 2494010,
        "error_data": {"messaging_product": "whatsapp", "details": "Recipient phone number is not valid"},
        "error_user_title": "Bad number", "error_user_msg": "Check the number", "is_transient": false,
        "fbtrace_id": "AXsgnV2Cm3ZMGF3dF_cfYIn"}})");
    QVERIFY(error.has_value());
    QCOMPARE(error->code, 131009);
    QCOMPARE(error->subcode, 2494010);
    QCOMPARE(error->type, u"OAuthException"_s);
    QCOMPARE(error->message, u"(#131009) Parameter value is not valid"_s);
    QCOMPARE(error->details, u"Recipient phone number is not valid"_s);
    QCOMPARE(error->userTitle, u"Bad number"_s);
    QCOMPARE(error->userMessage, u"Check the number"_s);
    QCOMPARE(error->fbtraceId, u"AXsgnV2Cm3ZMGF3dF_cfYIn"_s);
    QVERIFY(!error->isTransient);

    QVERIFY(!MetaWire::parseGraphError("{}").has_value());
    QVERIFY(!MetaWire::parseGraphError("<html>").has_value());
    QVERIFY(!MetaWire::parseGraphError(R"({"error":{"message":"no code"}})").has_value());
}

void TestMetaWire::placeholdersOf_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("keys");
    QTest::newRow("positional") << u"Hi {{1}}, your order {{2}} has shipped."_s << QStringList{u"1"_s, u"2"_s};
    QTest::newRow("named") << u"Hi {{customer_name}}, order {{order_id}}"_s
                           << QStringList{u"customer_name"_s, u"order_id"_s};
    QTest::newRow("repeats counted once") << u"{{1}} and {{1}} then {{2}}"_s << QStringList{u"1"_s, u"2"_s};
    QTest::newRow("spaces inside braces") << u"Hi {{ 1 }}"_s << QStringList{u"1"_s};
    QTest::newRow("none") << u"Welcome!"_s << QStringList();
    QTest::newRow("single braces are text") << u"{1} {name}"_s << QStringList();
}

void TestMetaWire::placeholdersOf()
{
    QFETCH(QString, body);
    QFETCH(QStringList, keys);
    QCOMPARE(MetaWire::placeholdersOf(body), keys);
}

void TestMetaWire::parseTemplatePage()
{
    const Result<MetaWire::TemplatePage> page =
        MetaWire::parseTemplatePage(response(200, readData(u"providers/data/meta/template_page_1.json"_s)));
    QVERIFY(page.has_value());
    QCOMPARE(page->after, u"MjQZD"_s);
    QCOMPARE(page->next.host(), u"graph.facebook.com"_s);
    QCOMPARE(page->templates.size(), 2);

    const Template& hello = page->templates.at(0);
    QCOMPARE(hello.providerId, u"1192339204654487"_s);
    QCOMPARE(hello.name, u"hello_world"_s);
    QCOMPARE(hello.language, u"en_US"_s);
    QCOMPARE(hello.category, u"MARKETING"_s);
    QCOMPARE(hello.approvalStatus, u"approved"_s);
    QCOMPARE(hello.headerFormat, u"TEXT"_s);
    QCOMPARE(hello.headerText, u"Hello World"_s);
    QVERIFY(hello.bodyText.startsWith(u"Welcome and congratulations!!"_s));
    QCOMPARE(hello.footerText, u"WhatsApp Business API Team"_s);
    QVERIFY(hello.placeholders.isEmpty());
    QCOMPARE(hello.parameterFormat, u"POSITIONAL"_s);
    QCOMPARE(hello.components.size(), 3);

    const Template& order = page->templates.at(1);
    QCOMPARE(order.approvalStatus, u"approved"_s);
    QCOMPARE(order.parameterFormat, u"NAMED"_s);
    QCOMPARE(order.placeholders, (QStringList{u"customer_name"_s, u"order_id"_s}));
    QCOMPARE(order.buttons, (QStringList{u"Stop updates"_s, u"Track"_s}));
    QVERIFY(order.headerFormat.isEmpty());
}

void TestMetaWire::parseTemplateLastPage()
{
    // Meta keeps cursors on the last page; without `next` there is nothing more to fetch.
    const Result<MetaWire::TemplatePage> page = MetaWire::parseTemplatePage(response(200, R"({"data":[
        {"name":"spring_promo","status":"PENDING","language":"en_US","category":"MARKETING","id":"1745239386412783",
         "components":[{"type":"BODY","text":"Spring sale: {{1}} off"}]}],
        "paging":{"cursors":{"before":"MgZDZD","after":"MgZDZD"},"previous":"https://graph.facebook.com/v23.0/1/message_templates?before=MgZDZD"}})"));
    QVERIFY(page.has_value());
    QVERIFY(page->after.isEmpty());
    QVERIFY(page->next.isEmpty());
    QCOMPARE(page->templates.size(), 1);
    QCOMPARE(page->templates.first().approvalStatus, u"pending"_s);
    QCOMPARE(page->templates.first().parameterFormat, u"POSITIONAL"_s); // inferred from {{1}}
    QCOMPARE(page->templates.first().placeholders, QStringList{u"1"_s});

    const Result<MetaWire::TemplatePage> refused = MetaWire::parseTemplatePage(response(
        401,
        R"({"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190,"fbtrace_id":"A"}})"));
    QVERIFY(!refused.has_value());
    QCOMPARE(refused.error().code, u"190"_s);
    QCOMPARE(refused.error().kind, Error::Kind::Authentication);
}

void TestMetaWire::parseMediaInfo_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("size");
    QTest::newRow("file_size as string") << QByteArray(
        R"({"messaging_product":"whatsapp","url":"https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1","mime_type":"image/jpeg","sha256":"abc=","file_size":"303833","id":"2621233374848975"})")
                                         << qint64(303833);
    QTest::newRow("file_size as number") << QByteArray(
        R"({"messaging_product":"whatsapp","url":"https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1","mime_type":"image/jpeg","sha256":"abc=","file_size":303833,"id":"2621233374848975"})")
                                         << qint64(303833);
}

void TestMetaWire::parseMediaInfo()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, size);
    const Result<MetaWire::MediaInfo> info = MetaWire::parseMediaInfo(response(200, body));
    QVERIFY(info.has_value());
    QCOMPARE(info->id, u"2621233374848975"_s);
    QCOMPARE(info->url.host(), u"lookaside.fbsbx.com"_s);
    QCOMPARE(info->mimeType, u"image/jpeg"_s);
    QCOMPARE(info->sha256, u"abc="_s);
    QCOMPARE(info->fileSize, size);
}

void TestMetaWire::parseWebhook_data()
{
    QTest::addColumn<QString>("payloadPath");
    QTest::addColumn<QString>("expectedPath");
    const QDir dir(testDataPath(u"providers/data/meta/webhooks"_s));
    const QStringList payloads = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)
                                     .filter(QRegularExpression(u"^(?!.*\\.expected\\.json$)"_s));
    QVERIFY2(payloads.size() >= 20, qPrintable(u"too few golden files in "_s + dir.path()));
    for (const QString& payload : payloads) {
        const QString name = payload.chopped(5);
        QTest::newRow(qPrintable(name)) << dir.filePath(payload) << dir.filePath(name + u".expected.json"_s);
    }
}

void TestMetaWire::parseWebhook()
{
    QFETCH(QString, payloadPath);
    QFETCH(QString, expectedPath);

    QFile payload(payloadPath);
    QVERIFY(payload.open(QIODevice::ReadOnly));
    const Result<QList<WebhookEvent>> events = MetaWire::parseWebhook(payload.readAll());
    QVERIFY2(events.has_value(), events.has_value() ? "" : qPrintable(events.error().message));
    const QByteArray actual = QJsonDocument(render(*events)).toJson(QJsonDocument::Indented);

    // FLOWCHAT_UPDATE_GOLDEN=1 rewrites the expected files on purpose; review the diff.
    if (qEnvironmentVariableIntValue("FLOWCHAT_UPDATE_GOLDEN") == 1) {
        QFile out(expectedPath);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(actual);
    }
    QFile expectedFile(expectedPath);
    QVERIFY2(expectedFile.open(QIODevice::ReadOnly), qPrintable(u"missing "_s + expectedPath));
    const QJsonDocument expected = QJsonDocument::fromJson(expectedFile.readAll());
    QVERIFY2(expected.isArray(), qPrintable(expectedPath));
    QCOMPARE(QString::fromUtf8(actual), QString::fromUtf8(expected.toJson(QJsonDocument::Indented)));
}

void TestMetaWire::parseWebhookRefuses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not JSON") << QByteArray("hub.mode=subscribe");
    QTest::newRow("JSON array") << QByteArray("[]");
    QTest::newRow("another object kind") << QByteArray(R"({"object":"page","entry":[]})");
    QTest::newRow("no object field") << QByteArray(R"({"entry":[]})");
}

void TestMetaWire::parseWebhookRefuses()
{
    QFETCH(QByteArray, body);
    const Result<QList<WebhookEvent>> events = MetaWire::parseWebhook(body);
    QVERIFY(!events.has_value());
    QCOMPARE(events.error().code, u"payload_invalid"_s);
}

QTEST_GUILESS_MAIN(TestMetaWire)
#include "TestMetaWire.moc"
