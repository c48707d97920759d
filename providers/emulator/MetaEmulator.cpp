#include "providers/emulator/MetaEmulator.h"

#include "providers/ProviderLogging.h"
#include "providers/meta/MetaSignature.h"
#include "providers/meta/MetaWire.h"

#include <QCryptographicHash>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QUrlQuery>

namespace
{

// Lookaside URLs die after five minutes (§10.1).
constexpr qint64 kMediaUrlLifetimeSecs = 5 * 60;
constexpr int kWebhookRetries = 3;
constexpr int kDefaultTemplateLimit = 25;
constexpr int kMaxTemplateLimit = 100;

struct CodeInfo
{
    int code;
    int httpStatus;
    const char* title;
    const char* details; // what async failures carry in error_data.details
};

// Meta's error table (§7.7). Throttling codes answer 429; Meta's tables disagree between 400 and 429.
constexpr CodeInfo kCodes[] = {
    {0, 401, "AuthException", "The app user could not be authenticated."},
    {1, 400, "An unknown error occurred", "Invalid request or possible server error."},
    {2, 503, "Service temporarily unavailable", "Temporary downtime or the service is overloaded."},
    {3, 500, "Capability or permissions issue", "The app lacks the capability or permission for this method."},
    {4, 429, "Application request limit reached", "The app reached its API call rate limit."},
    {10, 403, "Permission Denied", "Permission is either not granted or has been removed."},
    {33, 400, "Parameter value is not valid", "The business phone number has been deleted."},
    {100, 400, "Invalid parameter", "Invalid parameter."},
    {190, 401, "Invalid OAuth access token - Cannot parse access token", ""},
    {200, 403, "Permissions error", "The app does not have the permission for this call."},
    {368,
     403,
     "Temporarily blocked for policies violations",
     "The account is temporarily blocked for policy violations."},
    {80007, 429, "Rate limit issues", "The WhatsApp Business Account has reached its rate limit."},
    {130429, 429, "Rate limit hit", "Cloud API message throughput has been reached."},
    {130472,
     400,
     "User's number is part of an experiment",
     "Failed to send message because this user's phone number is part of an experiment."},
    {131000, 500, "Something went wrong", "Message failed to send due to an unknown error."},
    {131005, 403, "Access denied", "Permission is either not granted or has been removed."},
    {131008, 400, "Required parameter is missing", "A required parameter is missing."},
    {131009, 400, "Parameter value is not valid", "One or more parameter values are invalid."},
    {131016, 500, "Service unavailable", "A service is temporarily unavailable."},
    {131021, 400, "Recipient cannot be sender", "Sender and recipient phone number is the same."},
    {131026, 400, "Message undeliverable", "Message Undeliverable."},
    {131030,
     400,
     "Recipient phone number not in allowed list",
     "Add recipient phone number to recipient list and try again."},
    {131031, 403, "Account has been locked", "The business account has been locked."},
    {131042, 400, "Business eligibility payment issue", "There was an error related to your payment method."},
    {131045, 500, "Incorrect certificate", "Message failed to send due to a phone number registration error."},
    {131047,
     400,
     "Re-engagement message",
     "Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
    {131048,
     429,
     "Spam rate limit hit",
     "Message failed to send because there are restrictions on how many messages can be sent from this phone number."},
    {131049,
     400,
     "This message was not delivered to maintain healthy ecosystem engagement.",
     "In order to maintain a healthy ecosystem engagement, the message failed to be delivered."},
    {131050,
     400,
     "User stopped marketing messages",
     "The recipient has chosen to stop receiving marketing messages from your business."},
    {131051, 400, "Unsupported message type", "Message type is not currently supported."},
    {131052, 400, "Media download error", "Unable to download the media sent by the user."},
    {131053, 400, "Media upload error", "Unable to upload the media used in the message."},
    {131056,
     429,
     "(Business Account, Consumer Account) pair rate limit hit",
     "Too many messages sent from the sender phone number to the same recipient phone number in a short period of "
     "time."},
    {131057, 500, "Account in maintenance mode", "Business Account is in maintenance mode."},
    {132000,
     400,
     "Number of parameters does not match the expected number of params",
     "The number of variable parameter values does not match the number of variables defined in the template."},
    {132001,
     404,
     "Template name does not exist in the translation",
     "The template does not exist in the specified language or has not been approved."},
    {132005, 400, "Translated text too long", "Translated text is too long."},
    {132007, 400, "Template Format Character Policy Violated", "Template content violates a WhatsApp policy."},
    {132012,
     400,
     "Parameter format does not match format in the created template",
     "Variable parameter values formatted incorrectly."},
    {132015,
     400,
     "Template is Paused",
     "Template is paused due to low quality so it cannot be sent in a template message."},
    {132016,
     400,
     "Template is Disabled",
     "Template has been paused too many times due to low quality and is now permanently disabled."},
    {133004, 503, "Server Temporarily Unavailable", "The server is temporarily unavailable."},
    {133010,
     400,
     "Phone number Not Registered",
     "The phone number is not registered on the WhatsApp Business Platform."},
};

const CodeInfo& codeInfo(int code)
{
    static const CodeInfo unknown{1, 400, "An unknown error occurred", "Invalid request or possible server error."};
    for (const CodeInfo& info : kCodes) {
        if (info.code == code) {
            return info;
        }
    }
    return unknown;
}

// Seeded templates: approved positional and named ones, one without parameters, a pending and a
// rejected one; more than fit one page at a small `limit`.
const char kSeedTemplates[] = R"([
 {"name":"order_update","status":"APPROVED","language":"en_US","category":"UTILITY","parameter_format":"POSITIONAL",
  "id":"1192339204654487","components":[
   {"type":"HEADER","format":"TEXT","text":"Order update"},
   {"type":"BODY","text":"Hi {{1}}, your order {{2}} has shipped.","example":{"body_text":[["John","A-123"]]}},
   {"type":"FOOTER","text":"Reply STOP to unsubscribe"},
   {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Stop updates"},
     {"type":"URL","text":"Track","url":"https://example.com/t/{{1}}","example":["https://example.com/t/A-123"]}]}]},
 {"name":"order_named","status":"APPROVED","language":"en","category":"UTILITY","parameter_format":"NAMED",
  "id":"920070352646140","components":[
   {"type":"BODY","text":"Hi {{customer_name}}, your order {{order_id}} is ready for pickup.",
    "example":{"body_text_named_params":[{"param_name":"customer_name","example":"Jessica"},
                                         {"param_name":"order_id","example":"SKBUP2-4CPIG9"}]}}]},
 {"name":"hello_world","status":"APPROVED","language":"en_US","category":"MARKETING","parameter_format":"POSITIONAL",
  "id":"1402536587401563","components":[
   {"type":"HEADER","format":"TEXT","text":"Hello World"},
   {"type":"BODY","text":"Welcome and congratulations!! This message demonstrates your ability to send a message notification from WhatsApp Business Platform's Cloud API."},
   {"type":"FOOTER","text":"WhatsApp Business API Team"}]},
 {"name":"spring_promo","status":"PENDING","language":"en_US","category":"MARKETING","parameter_format":"POSITIONAL",
  "id":"1745239386412783","components":[
   {"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2UvanBlZw==:ARb"]}},
   {"type":"BODY","text":"Spring sale: {{1}} off everything until {{2}}.","example":{"body_text":[["20%","May 1"]]}}]},
 {"name":"lembrete_consulta","status":"REJECTED","language":"pt_BR","category":"UTILITY","parameter_format":"POSITIONAL",
  "id":"608237119514377","components":[
   {"type":"BODY","text":"Olá {{1}}, sua consulta é amanhã às {{2}}.","example":{"body_text":[["Ana","10h"]]}}]},
 {"name":"delivery_photo","status":"APPROVED","language":"en_US","category":"UTILITY","parameter_format":"POSITIONAL",
  "id":"733829146120587","components":[
   {"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2UvanBlZw==:ARc"]}},
   {"type":"BODY","text":"Hi {{1}}, this is how your parcel was left.","example":{"body_text":[["Ana"]]}}]}
])";

// 1x1 images in WhatsApp green, the bytes of inbound media made up by simulateInbound().
const QByteArray kPng = QByteArray::fromHex(
    "89504e470d0a1a0a0000000d494844520000000100000001010300000025db56ca00000003504c544525d3669738eb600000000a49444154"
    "08d76360000000020001e221bc330000000049454e44ae426082");
const QByteArray kJpeg = QByteArray::fromHex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300030202020202030202020303030304060404040404080606050609080a0a09"
    "0809090a0c0f0c0a0b0e0b09090d110d0e0f101011100a0c12131210130f101010ffdb00430103030304030408040408100b090b10101010"
    "10101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010ffc00011080001000103"
    "011100021101031101ffc40014000100000000000000000000000000000006ffc40014100100000000000000000000000000000000ffc400"
    "1501010100000000000000000000000000000708ffc40014110100000000000000000000000000000000ffda000c03010002110311003f00"
    "663c45efffd9");

QString nowSecs()
{
    return QString::number(QDateTime::currentSecsSinceEpoch());
}

int majorVersion(const QString& version)
{
    return version.mid(1, version.indexOf(QLatin1Char('.')) - 1).toInt();
}

// "Cursors are opaque": Meta's look like base64 with "=" spelled "ZD" ("MAZDZD" is offset 0).
QString encodeCursor(int index)
{
    return QString::fromLatin1(QByteArray::number(index).toBase64()).replace(QLatin1Char('='), QStringLiteral("ZD"));
}

std::optional<int> decodeCursor(const QString& cursor)
{
    QString base64 = cursor;
    base64.replace(QStringLiteral("ZD"), QStringLiteral("="));
    bool ok = false;
    const int index = QByteArray::fromBase64(base64.toLatin1()).toInt(&ok);
    return ok && index >= 0 ? std::optional<int>(index) : std::nullopt;
}

struct FormPart
{
    QByteArray name;
    QByteArray fileName;
    QByteArray contentType;
    QByteArray data;
};

QByteArray headerParameter(const QByteArray& header, const QByteArray& key)
{
    for (const QByteArray& piece : header.split(';')) {
        const QByteArray trimmed = piece.trimmed();
        if (trimmed.startsWith(QByteArray(key + '='))) {
            QByteArray value = trimmed.mid(key.size() + 1);
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"')) {
                value = value.mid(1, value.size() - 2);
            }
            return value;
        }
    }
    return {};
}

// Just enough multipart/form-data for uploads from QHttpMultiPart, curl and undici's FormData.
QList<FormPart> parseMultipart(const QByteArray& contentType, const QByteArray& body)
{
    QList<FormPart> parts;
    const QByteArray boundary = headerParameter(contentType, "boundary");
    if (boundary.isEmpty()) {
        return parts;
    }
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        qsizetype start = pos + delimiter.size();
        if (body.mid(start, 2) == "--") {
            break;
        }
        start = body.indexOf("\r\n", start);
        if (start < 0) {
            break;
        }
        start += 2;
        const qsizetype next = body.indexOf(QByteArray("\r\n" + delimiter), start);
        if (next < 0) {
            break;
        }
        const QByteArray part = body.mid(start, next - start);
        const qsizetype headerEnd = part.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
            FormPart form;
            for (const QByteArray& line : part.left(headerEnd).split('\n')) {
                const QByteArray header = line.trimmed();
                const qsizetype colon = header.indexOf(':');
                const QByteArray name = header.left(colon).trimmed().toLower();
                const QByteArray value = header.mid(colon + 1).trimmed();
                if (name == "content-disposition") {
                    form.name = headerParameter(value, "name");
                    form.fileName = headerParameter(value, "filename");
                } else if (name == "content-type") {
                    form.contentType = value;
                }
            }
            form.data = part.mid(headerEnd + 4);
            parts.append(form);
        }
        pos = next + 2;
    }
    return parts;
}

QJsonObject filterFields(const QJsonObject& tmpl, const QStringList& fields)
{
    if (fields.isEmpty()) {
        return tmpl;
    }
    QJsonObject out{{QStringLiteral("id"), tmpl.value(QLatin1String("id"))}}; // Graph always returns id
    for (const QString& field : fields) {
        if (tmpl.contains(field)) {
            out.insert(field, tmpl.value(field));
        }
    }
    return out;
}

QString headerFormatOf(const QJsonObject& tmpl)
{
    for (const QJsonValue& component : tmpl.value(QLatin1String("components")).toArray()) {
        if (component.toObject()
                .value(QLatin1String("type"))
                .toString()
                .compare(QLatin1String("HEADER"), Qt::CaseInsensitive)
            == 0) {
            return component.toObject().value(QLatin1String("format")).toString().toUpper();
        }
    }
    return {};
}

QString bodyTextOf(const QJsonObject& tmpl)
{
    for (const QJsonValue& component : tmpl.value(QLatin1String("components")).toArray()) {
        if (component.toObject()
                .value(QLatin1String("type"))
                .toString()
                .compare(QLatin1String("BODY"), Qt::CaseInsensitive)
            == 0) {
            return component.toObject().value(QLatin1String("text")).toString();
        }
    }
    return {};
}

} // namespace

MetaEmulator::MetaEmulator(EmulatorOptions options, QObject* parent)
    : EmulatorBase(std::move(options), parent)
    , m_templates(QJsonDocument::fromJson(kSeedTemplates).array())
{
    const QString v = QStringLiteral(R"((v\d+\.\d+))");
    const QString id = QStringLiteral("([^/]+)");
    addRoute("POST",
             QStringLiteral("/%1/%2/messages").arg(v, id),
             [this](const QHttpServerRequest& request, const QRegularExpressionMatch& match) {
                 return handleSend(request, match);
             });
    addRoute("POST",
             QStringLiteral("/%1/%2/media").arg(v, id),
             [this](const QHttpServerRequest& request, const QRegularExpressionMatch& match) {
                 return handleMediaUpload(request, match);
             });
    addRoute("GET",
             QStringLiteral("/%1/%2/message_templates").arg(v, id),
             [this](const QHttpServerRequest& request, const QRegularExpressionMatch& match) {
                 return handleTemplates(request, match);
             });
    addRoute("GET",
             QStringLiteral("/%1/%2").arg(v, id),
             [this](const QHttpServerRequest& request, const QRegularExpressionMatch& match) {
                 return handleMediaLookup(request, match);
             });
    addRoute("DELETE",
             QStringLiteral("/%1/%2").arg(v, id),
             [this](const QHttpServerRequest& request, const QRegularExpressionMatch& match) {
                 return handleMediaDelete(request, match);
             });
    addRoute("GET",
             QStringLiteral("/whatsapp_business/attachments/?"),
             [this](const QHttpServerRequest& request, const QRegularExpressionMatch&) {
                 return handleMediaDownload(request);
             });
}

QString MetaEmulator::addMedia(const QByteArray& bytes, const QString& mimeType)
{
    const QString id = newNumericId();
    Media media;
    media.bytes = bytes;
    media.mimeType = mimeType;
    media.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toBase64());
    m_media.insert(id, media);
    return id;
}

QJsonArray MetaEmulator::templates() const
{
    return m_templates;
}

// ---- Graph plumbing -------------------------------------------------------------------------------

EmulatorResponse MetaEmulator::withGraphHeaders(EmulatorResponse response, const QString& version)
{
    response.contentType = "application/json; charset=UTF-8";
    if (!version.isEmpty()) {
        response.headers.append({"facebook-api-version", version.toLatin1()});
    }
    response.headers.append({"x-fb-trace-id", newTraceId().left(11).toLatin1()});
    response.headers.append({"x-fb-request-id", newTraceId().toLatin1()});
    return response;
}

EmulatorResponse
MetaEmulator::graphError(int code, const QString& version, const QString& details, const QString& message, int subcode)
{
    const CodeInfo& info = codeInfo(code);
    QJsonObject error{
        {QStringLiteral("message"),
         message.isEmpty() ? QStringLiteral("(#%1) %2").arg(code).arg(QLatin1String(info.title)) : message},
        {QStringLiteral("type"), QStringLiteral("OAuthException")},
        {QStringLiteral("code"), code},
        {QStringLiteral("fbtrace_id"), newTraceId()}};
    if (code == 190) {
        error.insert(QStringLiteral("message"), QLatin1String(info.title));
    }
    if (subcode != 0) {
        error.insert(QStringLiteral("error_subcode"), subcode);
    }
    if (code != 190 && code != 0) {
        error.insert(
            QStringLiteral("error_data"),
            QJsonObject{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                        {QStringLiteral("details"), details.isEmpty() ? QLatin1String(info.details) : details}});
    }
    EmulatorResponse response =
        withGraphHeaders(EmulatorResponse::json(info.httpStatus, {{QStringLiteral("error"), error}}), version);
    if (info.httpStatus == 401) {
        response.headers.append(
            {QByteArrayLiteral("WWW-Authenticate"),
             QByteArrayLiteral(R"(OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token")")});
    }
    return response;
}

EmulatorResponse MetaEmulator::unknownObject(const QString& method, const QString& id, const QString& version)
{
    EmulatorResponse response = graphError(
        100,
        version,
        {},
        QStringLiteral(
            "Unsupported %1 request. Object with ID '%2' does not exist, cannot be loaded due to missing permissions, "
            "or does not support this operation. Please read the Graph API documentation at "
            "https://developers.facebook.com/docs/graph-api")
            .arg(method, id),
        33);
    QJsonObject body = QJsonDocument::fromJson(response.body).object();
    QJsonObject error = body.value(QLatin1String("error")).toObject();
    error.insert(QStringLiteral("type"), QStringLiteral("GraphMethodException"));
    error.remove(QStringLiteral("error_data"));
    body.insert(QStringLiteral("error"), error);
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

std::optional<EmulatorResponse> MetaEmulator::checkAuth(const QHttpServerRequest& request, const QString& version)
{
    const QByteArray header = request.value("Authorization");
    const QByteArray token = header.startsWith("Bearer ") ? header.mid(7).trimmed() : QByteArray();
    const QByteArray expected = options().accessToken.toUtf8();
    const bool ok = expected.isEmpty() ? !token.isEmpty() : MetaSignature::constantTimeEquals(token, expected);
    if (!ok) {
        qCDebug(lcEmulator) << "meta: refused bearer token on" << request.url().path();
        return graphError(190, version);
    }
    return std::nullopt;
}

EmulatorResponse MetaEmulator::faultResponse(const FaultSpec& fault)
{
    if (fault.kind == FaultSpec::Kind::ProviderError) {
        return graphError(fault.providerCode.toInt(), QString());
    }
    int code = 1;
    switch (fault.httpStatus) {
    case 400:
    case 404:
        code = 100;
        break;
    case 401:
        code = 190;
        break;
    case 403:
        code = 10;
        break;
    case 429:
        code = 130429;
        break;
    case 500:
        code = 131000;
        break;
    case 502:
    case 503:
    case 504:
        code = 2;
        break;
    default:
        break;
    }
    EmulatorResponse response = graphError(code, QString());
    response.status = fault.httpStatus; // the status asked for, whatever the code usually brings
    return response;
}

EmulatorResponse MetaEmulator::notFound(const QHttpServerRequest& request)
{
    QString method = QStringLiteral("get");
    if (request.method() == QHttpServerRequest::Method::Post) {
        method = QStringLiteral("post");
    } else if (request.method() == QHttpServerRequest::Method::Delete) {
        method = QStringLiteral("delete");
    }
    static const QRegularExpression versioned(QStringLiteral(R"(^/(v\d+\.\d+)/)"));
    const QString version = versioned.match(request.url().path()).captured(1);
    EmulatorResponse response = unknownObject(method, request.url().path().section(QLatin1Char('/'), -1), version);
    response.status = 404;
    return response;
}

// ---- messages -------------------------------------------------------------------------------------

EmulatorResponse MetaEmulator::handleSend(const QHttpServerRequest& request, const QRegularExpressionMatch& match)
{
    const QString version = match.captured(1);
    const QString phoneId = match.captured(2);
    if (auto refused = checkAuth(request, version)) {
        return *refused;
    }
    if (!options().phoneNumberId.isEmpty() && phoneId != options().phoneNumberId) {
        return unknownObject(QStringLiteral("post"), phoneId, version);
    }
    const QJsonDocument doc = QJsonDocument::fromJson(request.body());
    if (!doc.isObject()) {
        return graphError(100, version, QStringLiteral("The request body is not valid JSON"));
    }
    const QJsonObject body = doc.object();
    if (body.value(QLatin1String("messaging_product")).toString() != QLatin1String("whatsapp")) {
        return graphError(100, version, {}, QStringLiteral("(#100) The parameter messaging_product is required."));
    }

    // Mark as read.
    if (body.value(QLatin1String("status")).toString() == QLatin1String("read")) {
        if (body.value(QLatin1String("message_id")).toString().isEmpty()) {
            return graphError(100, version, {}, QStringLiteral("(#100) The parameter message_id is required."));
        }
        return withGraphHeaders(EmulatorResponse::json(200, {{QStringLiteral("success"), true}}), version);
    }

    const QJsonValue toValue = body.value(QLatin1String("to"));
    if (!toValue.isString() || toValue.toString().trimmed().isEmpty()) {
        return graphError(100, version, {}, QStringLiteral("(#100) The parameter to is required."));
    }
    const QString to = toValue.toString();
    static const QRegularExpression phoneShape(QStringLiteral(R"(^\+?[\d\s().-]+$)"));
    const QString digits = MetaWire::toDigits(to);
    if (!phoneShape.match(to).hasMatch() || digits.size() < 7 || digits.size() > 15 || digits == kInvalidRecipient) {
        return graphError(131009, version, QStringLiteral("Recipient phone number is not valid"), {}, 2494010);
    }

    const QString type =
        body.contains(QLatin1String("type")) ? body.value(QLatin1String("type")).toString() : QStringLiteral("text");
    static const QStringList types{QStringLiteral("audio"),
                                   QStringLiteral("contacts"),
                                   QStringLiteral("document"),
                                   QStringLiteral("image"),
                                   QStringLiteral("interactive"),
                                   QStringLiteral("location"),
                                   QStringLiteral("reaction"),
                                   QStringLiteral("sticker"),
                                   QStringLiteral("template"),
                                   QStringLiteral("text"),
                                   QStringLiteral("video")};
    if (!types.contains(type)) {
        return graphError(
            100,
            version,
            {},
            QStringLiteral("(#100) Param type must be one of {AUDIO, CONTACTS, DOCUMENT, IMAGE, INTERACTIVE, LOCATION, "
                           "REACTION, STICKER, TEMPLATE, TEXT, VIDEO} - got \"%1\".")
                .arg(type));
    }
    const QJsonValue payloadValue = body.value(type);
    if (!payloadValue.isObject() && !(type == QLatin1String("contacts") && payloadValue.isArray())) {
        return graphError(100, version, {}, QStringLiteral("(#100) The parameter %1 is required.").arg(type));
    }
    const QJsonObject payload = payloadValue.toObject();

    QString category = QStringLiteral("service");
    if (type == QLatin1String("text")) {
        const QString text = payload.value(QLatin1String("body")).toString();
        if (text.isEmpty()) {
            return graphError(100, version, {}, QStringLiteral("(#100) The parameter text['body'] is required."));
        }
        if (text.size() > 4096) {
            return graphError(
                100, version, {}, QStringLiteral("(#100) Param text['body'] must be at most 4096 characters long."));
        }
    } else if (type == QLatin1String("image") || type == QLatin1String("audio") || type == QLatin1String("video")
               || type == QLatin1String("document") || type == QLatin1String("sticker")) {
        const QString link = payload.value(QLatin1String("link")).toString();
        const QString mediaId = payload.value(QLatin1String("id")).toString();
        if (link.isEmpty() && mediaId.isEmpty()) {
            return graphError(131008, version, QStringLiteral("%1: either id or link is required").arg(type));
        }
        const QUrl url(link);
        if (!link.isEmpty() && (!url.isValid() || !url.scheme().startsWith(QLatin1String("http")))) {
            return graphError(131009, version, QStringLiteral("%1['link'] is not a valid URL").arg(type));
        }
        if ((type == QLatin1String("audio") || type == QLatin1String("sticker"))
            && payload.contains(QLatin1String("caption"))) {
            return graphError(100, version, {}, QStringLiteral("(#100) Param %1['caption'] is not allowed.").arg(type));
        }
    } else if (type == QLatin1String("template")) {
        if (auto refused = checkTemplate(payload, version)) {
            return *refused;
        }
        for (const QJsonValue& tmpl : std::as_const(m_templates)) {
            if (tmpl.toObject().value(QLatin1String("name")) == payload.value(QLatin1String("name"))) {
                category = tmpl.toObject().value(QLatin1String("category")).toString().toLower();
            }
        }
    } else if (type == QLatin1String("reaction")) {
        if (payload.value(QLatin1String("message_id")).toString().isEmpty()) {
            return graphError(
                100, version, {}, QStringLiteral("(#100) The parameter reaction['message_id'] is required."));
        }
    }

    const QString wamid = newWamid(digits);
    recordAccepted({{QStringLiteral("id"), wamid},
                    {QStringLiteral("to"), digits},
                    {QStringLiteral("type"), type},
                    {QStringLiteral("version"), version},
                    {QStringLiteral("path"), request.url().path()},
                    {QStringLiteral("request"), body}});

    // What happens next, told through status webhooks (§8.4).
    QStringList statuses;
    QJsonObject failure;
    const QString finalStatus = options().finalStatus;
    if (type != QLatin1String("template") && !isWindowOpen(digits)) {
        statuses = {QStringLiteral("failed")};
        failure = webhookError(131047);
    } else if (digits == kUndeliverableRecipient || finalStatus == QLatin1String("failed")) {
        statuses = {QStringLiteral("failed")};
        failure = webhookError(131026);
    } else if (type == QLatin1String("reaction") || finalStatus == QLatin1String("sent")) {
        statuses = {QStringLiteral("sent")}; // a reaction only ever gets `sent`
    } else if (finalStatus == QLatin1String("delivered")) {
        statuses = {QStringLiteral("sent"), QStringLiteral("delivered")};
    } else {
        statuses = {QStringLiteral("sent"), QStringLiteral("delivered"), QStringLiteral("read")};
    }
    scheduleStatuses(wamid,
                     digits,
                     statuses,
                     failure,
                     body.value(QLatin1String("biz_opaque_callback_data")).toString(),
                     category,
                     version);
    qCDebug(lcEmulator) << "meta: accepted" << type << wamid << "->" << statuses;

    return withGraphHeaders(
        EmulatorResponse::json(
            200,
            {{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
             {QStringLiteral("contacts"),
              QJsonArray{QJsonObject{{QStringLiteral("input"), to}, {QStringLiteral("wa_id"), digits}}}},
             {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("id"), wamid}}}}}),
        version);
}

std::optional<EmulatorResponse> MetaEmulator::checkTemplate(const QJsonObject& tmpl, const QString& version)
{
    const QString name = tmpl.value(QLatin1String("name")).toString();
    const QString language = tmpl.value(QLatin1String("language")).toObject().value(QLatin1String("code")).toString();
    if (name.isEmpty()) {
        return graphError(100, version, {}, QStringLiteral("(#100) The parameter template['name'] is required."));
    }
    QJsonObject found;
    for (const QJsonValue& candidate : std::as_const(m_templates)) {
        const QJsonObject object = candidate.toObject();
        if (object.value(QLatin1String("name")).toString() == name
            && object.value(QLatin1String("language")).toString() == language) {
            found = object;
        }
    }
    const QString status = found.value(QLatin1String("status")).toString();
    if (status == QLatin1String("PAUSED")) {
        return graphError(132015, version);
    }
    if (status == QLatin1String("DISABLED")) {
        return graphError(132016, version);
    }
    if (status != QLatin1String("APPROVED")) {
        return graphError(
            132001, version, QStringLiteral("template name (%1) does not exist in %2").arg(name, language));
    }

    QJsonArray parameters;
    QJsonArray headerParameters;
    for (const QJsonValue& component : tmpl.value(QLatin1String("components")).toArray()) {
        const QString type = component.toObject().value(QLatin1String("type")).toString();
        if (type.compare(QLatin1String("body"), Qt::CaseInsensitive) == 0) {
            parameters = component.toObject().value(QLatin1String("parameters")).toArray();
        } else if (type.compare(QLatin1String("header"), Qt::CaseInsensitive) == 0) {
            headerParameters = component.toObject().value(QLatin1String("parameters")).toArray();
        }
    }
    // A media header needs its file: one parameter of the header's type, by link or by id.
    const QString headerFormat = headerFormatOf(found);
    if (headerFormat == QLatin1String("IMAGE") || headerFormat == QLatin1String("VIDEO")
        || headerFormat == QLatin1String("DOCUMENT")) {
        const QString kind = headerFormat.toLower();
        const QJsonObject media =
            headerParameters.size() == 1
                    && headerParameters.first().toObject().value(QLatin1String("type")).toString() == kind
                ? headerParameters.first().toObject().value(kind).toObject()
                : QJsonObject();
        if (media.value(QLatin1String("link")).toString().isEmpty()
            && media.value(QLatin1String("id")).toString().isEmpty()) {
            return graphError(
                132012,
                version,
                QStringLiteral("header: Format mismatch, expected %1, received %2")
                    .arg(headerFormat,
                         headerParameters.isEmpty()
                             ? QStringLiteral("UNKNOWN")
                             : headerParameters.first().toObject().value(QLatin1String("type")).toString().toUpper()));
        }
    }
    const QStringList expected = MetaWire::placeholdersOf(bodyTextOf(found));
    const bool namedTemplate = found.value(QLatin1String("parameter_format")).toString() == QLatin1String("NAMED");
    int namedCount = 0;
    QStringList names;
    for (const QJsonValue& parameter : std::as_const(parameters)) {
        const QString parameterName = parameter.toObject().value(QLatin1String("parameter_name")).toString();
        if (!parameterName.isEmpty()) {
            ++namedCount;
            names.append(parameterName);
        }
    }
    // Mixing named and positional parameters: the code Meta uses is not confirmed (§7.3).
    if ((namedTemplate && namedCount != parameters.size()) || (!namedTemplate && namedCount > 0)) {
        return graphError(100,
                          version,
                          namedTemplate ? QStringLiteral("Parameter name is missing or empty")
                                        : QStringLiteral("Parameter name is not expected for a positional template"),
                          QStringLiteral("(#100) Invalid parameter"));
    }
    if (parameters.size() != expected.size()) {
        return graphError(
            132000,
            version,
            QStringLiteral("body: number of localizable_params (%1) does not match the expected number of params (%2)")
                .arg(parameters.size())
                .arg(expected.size()));
    }
    if (namedTemplate) {
        for (const QString& parameterName : std::as_const(names)) {
            if (!expected.contains(parameterName)) {
                return graphError(
                    132000,
                    version,
                    QStringLiteral("body: parameter name (%1) is not in the template").arg(parameterName));
            }
        }
    }
    return std::nullopt;
}

QJsonObject MetaEmulator::webhookError(int code) const
{
    const CodeInfo& info = codeInfo(code);
    return {{QStringLiteral("code"), code},
            {QStringLiteral("title"), QLatin1String(info.title)},
            {QStringLiteral("message"), QLatin1String(info.title)},
            {QStringLiteral("error_data"), QJsonObject{{QStringLiteral("details"), QLatin1String(info.details)}}},
            {QStringLiteral("href"), QStringLiteral("/documentation/business-messaging/whatsapp/support/error-codes")}};
}

OutgoingWebhook MetaEmulator::signedWebhook(const QJsonObject& value)
{
    const QJsonObject envelope{
        {QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
        {QStringLiteral("entry"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), options().wabaId},
                                {QStringLiteral("changes"),
                                 QJsonArray{QJsonObject{{QStringLiteral("value"), value},
                                                        {QStringLiteral("field"), QStringLiteral("messages")}}}}}}}};
    OutgoingWebhook webhook;
    webhook.url = options().webhookUrl;
    // Meta signs its ASCII-escaped form; raw UTF-8 would fail verifiers that re-escape (§9.5).
    webhook.body = MetaWire::escapeLikeMeta(QJsonDocument(envelope).toJson(QJsonDocument::Compact));
    webhook.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    webhook.headers.append({QByteArrayLiteral("User-Agent"), QByteArrayLiteral("facebookexternalua")});
    if (!options().appSecret.isEmpty()) {
        webhook.headers.append(
            {"X-Hub-Signature-256", MetaSignature::sign(options().appSecret.toUtf8(), webhook.body)});
    }
    webhook.retries = kWebhookRetries;
    return webhook;
}

void MetaEmulator::scheduleStatuses(const QString& wamid,
                                    const QString& recipient,
                                    const QStringList& statuses,
                                    const QJsonObject& failure,
                                    const QString& callbackData,
                                    const QString& category,
                                    const QString& version)
{
    const QJsonObject metadata{{QStringLiteral("display_phone_number"), options().displayPhoneNumber},
                               {QStringLiteral("phone_number_id"), options().phoneNumberId}};
    const bool free = category == QLatin1String("service");
    const QJsonObject pricing{
        {QStringLiteral("billable"), !free},
        {QStringLiteral("pricing_model"), QStringLiteral("PMP")},
        {QStringLiteral("type"), free ? QStringLiteral("free_customer_service") : QStringLiteral("regular")},
        {QStringLiteral("category"), category}};
    QList<OutgoingWebhook> sequence;
    for (const QString& name : statuses) {
        QJsonObject status{{QStringLiteral("id"), wamid},
                           {QStringLiteral("status"), name},
                           {QStringLiteral("timestamp"), nowSecs()},
                           {QStringLiteral("recipient_id"), recipient}};
        if (!callbackData.isEmpty()) {
            status.insert(QStringLiteral("biz_opaque_callback_data"), callbackData);
        }
        if (name == QLatin1String("sent")) {
            // v24 dropped `conversation` outside free entry-point windows (§8.4).
            if (majorVersion(version) <= 23) {
                status.insert(QStringLiteral("conversation"),
                              QJsonObject{{QStringLiteral("id"), randomHex(32)},
                                          {QStringLiteral("expiration_timestamp"),
                                           QString::number(QDateTime::currentSecsSinceEpoch() + 24 * 3600)},
                                          {QStringLiteral("origin"), QJsonObject{{QStringLiteral("type"), category}}}});
            }
            status.insert(QStringLiteral("pricing"), pricing);
        } else if (name == QLatin1String("failed")) {
            status.insert(QStringLiteral("errors"), QJsonArray{failure});
        }
        sequence.append(signedWebhook({{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                                       {QStringLiteral("metadata"), metadata},
                                       {QStringLiteral("statuses"), QJsonArray{status}}}));
    }
    deliverStatuses(sequence);
}

// ---- inbound --------------------------------------------------------------------------------------

EmulatorResponse MetaEmulator::simulateInbound(const QJsonObject& request)
{
    const QString from = MetaWire::toDigits(request.value(QLatin1String("from")).toString());
    if (from.isEmpty()) {
        return EmulatorResponse::json(400,
                                      {{QStringLiteral("error"), QStringLiteral("'from' must be a phone number")}});
    }
    const QString text = request.value(QLatin1String("body")).toString();
    const QString mediaUrl = request.value(QLatin1String("media_url")).toString();
    const QString wamid = newWamid(from);
    QJsonObject message{
        {QStringLiteral("from"), from}, {QStringLiteral("id"), wamid}, {QStringLiteral("timestamp"), nowSecs()}};
    const QString contextId = request.value(QLatin1String("context_id")).toString();
    if (!contextId.isEmpty()) {
        message.insert(
            QStringLiteral("context"),
            QJsonObject{{QStringLiteral("from"), options().displayPhoneNumber}, {QStringLiteral("id"), contextId}});
    }
    QString mediaId;
    if (mediaUrl.isEmpty()) {
        message.insert(QStringLiteral("type"), QStringLiteral("text"));
        message.insert(QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), text}});
    } else {
        const bool png = QUrl(mediaUrl).path().endsWith(QLatin1String(".png"), Qt::CaseInsensitive);
        const QString mime = png ? QStringLiteral("image/png") : QStringLiteral("image/jpeg");
        mediaId = addMedia(png ? kPng : kJpeg, mime);
        QJsonObject image{{QStringLiteral("mime_type"), mime},
                          {QStringLiteral("sha256"), m_media.value(mediaId).sha256},
                          {QStringLiteral("id"), mediaId}};
        if (!text.isEmpty()) {
            image.insert(QStringLiteral("caption"), text);
        }
        message.insert(QStringLiteral("type"), QStringLiteral("image"));
        message.insert(QStringLiteral("image"), image);
    }
    const QJsonObject value{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                            {QStringLiteral("metadata"),
                             QJsonObject{{QStringLiteral("display_phone_number"), options().displayPhoneNumber},
                                         {QStringLiteral("phone_number_id"), options().phoneNumberId}}},
                            {QStringLiteral("contacts"),
                             QJsonArray{QJsonObject{{QStringLiteral("profile"),
                                                     QJsonObject{{QStringLiteral("name"),
                                                                  request.value(QLatin1String("name")).toString()}}},
                                                    {QStringLiteral("wa_id"), from}}}},
                            {QStringLiteral("messages"), QJsonArray{message}}};
    noteInbound(from);
    deliver(signedWebhook(value), 0);
    qCDebug(lcEmulator) << "meta: inbound" << message.value(QLatin1String("type")).toString() << wamid;

    QJsonObject answer{{QStringLiteral("id"), wamid}, {QStringLiteral("webhook"), !options().webhookUrl.isEmpty()}};
    if (!mediaId.isEmpty()) {
        answer.insert(QStringLiteral("media_id"), mediaId);
    }
    return EmulatorResponse::json(200, answer);
}

// ---- media ----------------------------------------------------------------------------------------

EmulatorResponse MetaEmulator::handleMediaLookup(const QHttpServerRequest& request,
                                                 const QRegularExpressionMatch& match)
{
    const QString version = match.captured(1);
    const QString id = match.captured(2);
    if (auto refused = checkAuth(request, version)) {
        return *refused;
    }
    const auto it = m_media.find(id);
    if (it == m_media.end()) {
        return unknownObject(QStringLiteral("get"), id, version);
    }
    it->urlHash = randomHex(24);
    it->urlIssuedAt = QDateTime::currentDateTimeUtc();
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/whatsapp_business/attachments/"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("mid"), id);
    query.addQueryItem(QStringLiteral("ext"), nowSecs());
    query.addQueryItem(QStringLiteral("hash"), it->urlHash);
    url.setQuery(query);
    return withGraphHeaders(EmulatorResponse::json(200,
                                                   {{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                                                    {QStringLiteral("url"), url.toString(QUrl::FullyEncoded)},
                                                    {QStringLiteral("mime_type"), it->mimeType},
                                                    {QStringLiteral("sha256"), it->sha256},
                                                    {QStringLiteral("file_size"), QString::number(it->bytes.size())},
                                                    {QStringLiteral("id"), id}}),
                            version);
}

EmulatorResponse MetaEmulator::handleMediaDownload(const QHttpServerRequest& request)
{
    if (auto refused = checkAuth(request, QString())) {
        return *refused;
    }
    const QUrlQuery query = request.query();
    const auto it = m_media.constFind(query.queryItemValue(QStringLiteral("mid")));
    const bool valid = it != m_media.cend() && !it->urlHash.isEmpty()
                       && it->urlHash == query.queryItemValue(QStringLiteral("hash"))
                       && it->urlIssuedAt.secsTo(QDateTime::currentDateTimeUtc()) < kMediaUrlLifetimeSecs;
    if (!valid) {
        EmulatorResponse gone;
        gone.status = 404;
        gone.contentType = "text/plain";
        gone.body = "Not Found";
        return gone;
    }
    EmulatorResponse response;
    response.status = 200;
    response.contentType = it->mimeType.toLatin1();
    response.body = it->bytes;
    return response;
}

EmulatorResponse MetaEmulator::handleMediaUpload(const QHttpServerRequest& request,
                                                 const QRegularExpressionMatch& match)
{
    const QString version = match.captured(1);
    const QString phoneId = match.captured(2);
    if (auto refused = checkAuth(request, version)) {
        return *refused;
    }
    if (!options().phoneNumberId.isEmpty() && phoneId != options().phoneNumberId) {
        return unknownObject(QStringLiteral("post"), phoneId, version);
    }
    const QList<FormPart> parts = parseMultipart(request.value("Content-Type"), request.body());
    QString product = request.query().queryItemValue(QStringLiteral("messaging_product"));
    QString type;
    const FormPart* file = nullptr;
    for (const FormPart& part : parts) {
        if (part.name == "messaging_product") {
            product = QString::fromUtf8(part.data);
        } else if (part.name == "type") {
            type = QString::fromUtf8(part.data);
        } else if (part.name == "file") {
            file = &part;
        }
    }
    if (product != QLatin1String("whatsapp")) {
        return graphError(100, version, {}, QStringLiteral("(#100) The parameter messaging_product is required."));
    }
    if (!file) {
        return graphError(100, version, {}, QStringLiteral("(#100) The parameter file is required."));
    }
    if (type.isEmpty()) {
        type = QString::fromLatin1(file->contentType);
    }
    if (type.isEmpty()) {
        return graphError(131053, version, QStringLiteral("The media type is missing"));
    }
    const QString id = addMedia(file->data, type);
    qCDebug(lcEmulator) << "meta: uploaded media" << id << file->data.size() << "bytes" << type;
    return withGraphHeaders(EmulatorResponse::json(200, {{QStringLiteral("id"), id}}), version);
}

EmulatorResponse MetaEmulator::handleMediaDelete(const QHttpServerRequest& request,
                                                 const QRegularExpressionMatch& match)
{
    const QString version = match.captured(1);
    const QString id = match.captured(2);
    if (auto refused = checkAuth(request, version)) {
        return *refused;
    }
    if (!m_media.remove(id)) {
        return unknownObject(QStringLiteral("delete"), id, version);
    }
    return withGraphHeaders(EmulatorResponse::json(200, {{QStringLiteral("success"), true}}), version);
}

// ---- templates ------------------------------------------------------------------------------------

EmulatorResponse MetaEmulator::handleTemplates(const QHttpServerRequest& request, const QRegularExpressionMatch& match)
{
    const QString version = match.captured(1);
    const QString wabaId = match.captured(2);
    if (auto refused = checkAuth(request, version)) {
        return *refused;
    }
    if (!options().wabaId.isEmpty() && wabaId != options().wabaId) {
        return unknownObject(QStringLiteral("get"), wabaId, version);
    }
    const QUrlQuery query = request.query();
    const QString fieldsParam = query.queryItemValue(QStringLiteral("fields"), QUrl::FullyDecoded);
    const QStringList fields =
        fieldsParam.isEmpty() ? QStringList() : fieldsParam.split(QLatin1Char(','), Qt::SkipEmptyParts);
    int limit = kDefaultTemplateLimit;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1) {
            return graphError(100, version, {}, QStringLiteral("(#100) Param limit must be a positive integer"));
        }
        limit = std::min(limit, kMaxTemplateLimit);
    }

    QJsonArray matching;
    for (const QJsonValue& value : std::as_const(m_templates)) {
        const QJsonObject tmpl = value.toObject();
        bool keep = true;
        for (const char* filter : {"name", "status", "category", "language"}) {
            const QString wanted = query.queryItemValue(QLatin1String(filter), QUrl::FullyDecoded);
            if (!wanted.isEmpty()
                && tmpl.value(QLatin1String(filter)).toString().compare(wanted, Qt::CaseInsensitive) != 0) {
                keep = false;
            }
        }
        if (keep) {
            matching.append(tmpl);
        }
    }

    int start = 0;
    if (query.hasQueryItem(QStringLiteral("after"))) {
        const std::optional<int> last = decodeCursor(query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded));
        if (!last) {
            return graphError(100, version, {}, QStringLiteral("(#100) The after cursor is not valid"));
        }
        start = *last + 1;
    }
    const int end = std::min<int>(start + limit, static_cast<int>(matching.size()));
    QJsonArray data;
    for (int i = start; i < end; ++i) {
        data.append(filterFields(matching.at(i).toObject(), fields));
    }
    QJsonObject answer{{QStringLiteral("data"), data}};
    if (!data.isEmpty()) {
        QJsonObject paging{{QStringLiteral("cursors"),
                            QJsonObject{{QStringLiteral("before"), encodeCursor(start)},
                                        {QStringLiteral("after"), encodeCursor(end - 1)}}}};
        auto pageUrl = [&](const char* key, const QString& cursor) {
            QUrl url = baseUrl();
            url.setPath(request.url().path());
            QUrlQuery pageQuery(query);
            pageQuery.removeAllQueryItems(QStringLiteral("after"));
            pageQuery.removeAllQueryItems(QStringLiteral("before"));
            pageQuery.addQueryItem(QLatin1String(key), cursor);
            if (options().pagingLinksCarryToken && !pageQuery.hasQueryItem(QStringLiteral("access_token"))) {
                pageQuery.addQueryItem(QStringLiteral("access_token"), options().accessToken);
            }
            url.setQuery(pageQuery);
            return url.toString(QUrl::FullyEncoded);
        };
        if (end < matching.size()) {
            paging.insert(QStringLiteral("next"), pageUrl("after", encodeCursor(end - 1)));
        }
        if (start > 0) {
            paging.insert(QStringLiteral("previous"), pageUrl("before", encodeCursor(start)));
        }
        answer.insert(QStringLiteral("paging"), paging);
    }
    return withGraphHeaders(EmulatorResponse::json(200, answer), version);
}

// ---- ids ------------------------------------------------------------------------------------------

QString MetaEmulator::newWamid(const QString& digits)
{
    // Shaped like Meta's: a small binary header, the recipient's digits, then a hex message key.
    QByteArray raw;
    raw.append(char(0x1c)).append(char(0x18)).append(char(digits.size())).append(digits.toLatin1());
    raw.append(char(0x15))
        .append(char(0x02))
        .append(char(0x00))
        .append(char(0x12))
        .append(char(0x18))
        .append(char(0x14));
    raw.append(randomHex(20).toUpper().toLatin1()).append(char(0x00));
    return QStringLiteral("wamid.") + QString::fromLatin1(raw.toBase64());
}

QString MetaEmulator::newNumericId()
{
    QString id = QString::number(1 + random().bounded(9));
    for (int i = 0; i < 15; ++i) {
        id.append(QLatin1Char(char('0' + random().bounded(10))));
    }
    return id;
}

QString MetaEmulator::newTraceId()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    QString id = QStringLiteral("A");
    for (int i = 0; i < 22; ++i) {
        id.append(QLatin1Char(alphabet[random().bounded(64)]));
    }
    return id;
}
