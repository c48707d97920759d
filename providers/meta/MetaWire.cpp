#include "providers/meta/MetaWire.h"

#include "providers/ErrorCatalogue.h"
#include "providers/ProviderLogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace
{

constexpr int kMaxTextLength = 4096;
constexpr int kMaxCaptionLength = 1024;

QString str(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

QJsonObject obj(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toObject();
}

QJsonArray arr(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toArray();
}

// IDs and timestamps are strings in Meta's payloads, but a few are numbers (template ids, entry
// time); never go through a 32-bit int.
QString idString(const QJsonValue& value)
{
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble()) {
        return QString::number(static_cast<qint64>(value.toDouble()));
    }
    return {};
}

qint64 integer(const QJsonValue& value)
{
    if (value.isString()) {
        return value.toString().toLongLong();
    }
    return static_cast<qint64>(value.toDouble());
}

double number(const QJsonValue& value)
{
    return value.isString() ? value.toString().toDouble() : value.toDouble();
}

QDateTime unixTime(const QJsonValue& value)
{
    if (value.isUndefined() || value.isNull()) {
        return QDateTime::currentDateTimeUtc();
    }
    return QDateTime::fromSecsSinceEpoch(integer(value), Qt::UTC);
}

QString plusDigits(const QString& digits)
{
    if (digits.isEmpty() || digits.startsWith(QLatin1Char('+'))) {
        return digits;
    }
    return QLatin1Char('+') + digits;
}

Error payloadError(const QString& message)
{
    Error error = Error::validation(QStringLiteral("payload"), message);
    error.code = QStringLiteral("payload_invalid");
    return error;
}

// "title: details" unless the details add nothing.
QString titleWithDetails(const QString& title, const QString& details)
{
    if (details.isEmpty() || title.contains(details)) {
        return title;
    }
    if (title.isEmpty()) {
        return details;
    }
    return title + (title.endsWith(QLatin1Char('.')) ? QStringLiteral(" ") : QStringLiteral(": ")) + details;
}

InboundMedia parseMedia(const QJsonObject& media)
{
    InboundMedia out;
    out.id = idString(media.value(QLatin1String("id")));
    out.url = str(media, "url");
    out.mimeType = str(media, "mime_type");
    out.sha256 = str(media, "sha256");
    out.caption = str(media, "caption");
    out.fileName = str(media, "filename");
    out.voice = media.value(QLatin1String("voice")).toBool();
    out.animated = media.value(QLatin1String("animated")).toBool();
    return out;
}

QString profileNameFor(const QJsonArray& contacts, const QString& waId)
{
    for (const QJsonValue& contact : contacts) {
        if (str(contact.toObject(), "wa_id") == waId) {
            return str(obj(contact.toObject(), "profile"), "name");
        }
    }
    // A single contact without wa_id (newer business-scoped payloads) still names the sender.
    if (contacts.size() == 1 && str(contacts.first().toObject(), "wa_id").isEmpty()) {
        return str(obj(contacts.first().toObject(), "profile"), "name");
    }
    return {};
}

InboundMessage parseInbound(const QJsonObject& message, const QJsonObject& value)
{
    InboundMessage in;
    in.provider = QStringLiteral("meta");
    in.providerMessageId = str(message, "id");
    const QString from = str(message, "from");
    // Users who hide their number arrive with a business-scoped id only (§8.2).
    in.from = from.isEmpty() ? str(message, "from_user_id") : plusDigits(from);
    in.to = str(obj(value, "metadata"), "phone_number_id");
    in.profileName = profileNameFor(arr(value, "contacts"), from);
    in.timestamp = unixTime(message.value(QLatin1String("timestamp")));
    in.replyToProviderId = str(obj(message, "context"), "id");
    in.raw = message;

    const QString type = str(message, "type");
    const QJsonObject payload = obj(message, type.toLatin1().constData());
    if (type == QLatin1String("text")) {
        in.type = MessageType::Text;
        in.text = str(payload, "body");
    } else if (type == QLatin1String("image") || type == QLatin1String("audio") || type == QLatin1String("video")
               || type == QLatin1String("document") || type == QLatin1String("sticker")) {
        in.type = *MessageTypes::fromString(type);
        in.media = parseMedia(payload);
        in.text = in.media->caption;
    } else if (type == QLatin1String("location")) {
        in.type = MessageType::Location;
        InboundLocation location;
        location.latitude = number(payload.value(QLatin1String("latitude")));
        location.longitude = number(payload.value(QLatin1String("longitude")));
        location.name = str(payload, "name");
        location.address = str(payload, "address");
        location.url = str(payload, "url");
        in.location = location;
    } else if (type == QLatin1String("contacts")) {
        in.type = MessageType::Contacts;
        in.contacts = arr(message, "contacts");
    } else if (type == QLatin1String("button")) {
        in.type = MessageType::Button;
        in.button = InboundButton{str(payload, "text"), str(payload, "payload")};
        in.text = in.button->text;
    } else if (type == QLatin1String("interactive")) {
        in.type = MessageType::Interactive;
        InboundInteractive interactive;
        interactive.kind = str(payload, "type");
        const QJsonObject reply = obj(payload, interactive.kind.toLatin1().constData());
        if (interactive.kind == QLatin1String("nfm_reply")) {
            // A Flow response: its name identifies the flow, its body is what the user saw.
            interactive.id = str(reply, "name");
            interactive.title = str(reply, "body");
            interactive.description = str(reply, "response_json");
        } else {
            interactive.id = str(reply, "id");
            interactive.title = str(reply, "title");
            interactive.description = str(reply, "description");
        }
        in.interactive = interactive;
        in.text = interactive.title;
    } else if (type == QLatin1String("reaction")) {
        in.type = MessageType::Reaction;
        // On removal Meta leaves the emoji out.
        in.reaction = InboundReaction{str(payload, "message_id"), str(payload, "emoji")};
        in.text = in.reaction->emoji;
    } else if (type == QLatin1String("system")) {
        in.type = MessageType::Unsupported;
        in.text = str(payload, "body");
        in.unsupportedReason = QStringLiteral("system: ") + str(payload, "type");
    } else {
        // "unsupported", legacy "unknown", and kinds FlowChat does not handle (order, ...).
        in.type = MessageType::Unsupported;
        const QJsonObject error = arr(message, "errors").first().toObject();
        in.unsupportedReason = error.isEmpty()
                                   ? QStringLiteral("unsupported message type: ") + type
                                   : titleWithDetails(str(error, "title"), str(obj(error, "error_data"), "details"));
    }
    return in;
}

StatusUpdate parseStatus(const QJsonObject& status)
{
    StatusUpdate update;
    update.provider = QStringLiteral("meta");
    update.providerMessageId = str(status, "id");
    update.rawStatus = str(status, "status");
    update.status = MetaWire::statusFromMeta(update.rawStatus);
    update.timestamp = unixTime(status.value(QLatin1String("timestamp")));
    const QString recipient = str(status, "recipient_id");
    update.recipient = str(status, "recipient_type") == QLatin1String("group") ? recipient : plusDigits(recipient);
    update.localId = str(status, "biz_opaque_callback_data");
    const QJsonObject error = arr(status, "errors").first().toObject();
    if (!error.isEmpty()) {
        update.errorCode = idString(error.value(QLatin1String("code")));
        const QString title = str(error, "title").isEmpty() ? str(error, "message") : str(error, "title");
        update.errorMessage = titleWithDetails(title, str(obj(error, "error_data"), "details"));
    }
    return update;
}

TemplateStatusUpdate parseTemplateStatus(const QJsonObject& value)
{
    TemplateStatusUpdate update;
    update.templateId = idString(value.value(QLatin1String("message_template_id")));
    update.name = str(value, "message_template_name");
    update.language = str(value, "message_template_language");
    update.event = str(value, "event");
    update.reason = str(value, "reason");
    return update;
}

bool isRecipientCode(int code)
{
    return code == 131009 || code == 131026 || code == 131021 || code == 131030 || code == 130472;
}

} // namespace

namespace MetaWire
{

QByteArray escapeLikeMeta(const QByteArray& json)
{
    const QString text = QString::fromUtf8(json);
    QByteArray out;
    out.reserve(json.size() + json.size() / 4);
    for (const QChar unit : text) {
        const char16_t u = unit.unicode();
        if (u > 0x7e) {
            out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
        } else if (u == u'/') {
            out += "\\/";
        } else {
            out += static_cast<char>(u);
        }
    }
    return out;
}

QString toDigits(const QString& phone)
{
    QString digits;
    for (const QChar c : phone) {
        if (c.isDigit() && c.unicode() < 0x80) {
            digits.append(c);
        }
    }
    return digits;
}

MessageType mediaTypeFromUrl(const QUrl& url)
{
    const QString path = url.path().toLower();
    const QString ext = path.mid(path.lastIndexOf(QLatin1Char('.')) + 1);
    static const QStringList images{QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("png")};
    static const QStringList videos{
        QStringLiteral("mp4"), QStringLiteral("3gp"), QStringLiteral("3gpp"), QStringLiteral("mov")};
    static const QStringList audios{QStringLiteral("ogg"),
                                    QStringLiteral("opus"),
                                    QStringLiteral("mp3"),
                                    QStringLiteral("aac"),
                                    QStringLiteral("amr"),
                                    QStringLiteral("m4a")};
    if (!path.contains(QLatin1Char('.'))) {
        return MessageType::Document;
    }
    if (images.contains(ext)) {
        return MessageType::Image;
    }
    if (ext == QLatin1String("webp")) {
        return MessageType::Sticker;
    }
    if (videos.contains(ext)) {
        return MessageType::Video;
    }
    if (audios.contains(ext)) {
        return MessageType::Audio;
    }
    return MessageType::Document;
}

Result<QJsonObject> buildSendBody(const OutgoingMessage& message)
{
    const QString to = toDigits(message.to);
    if (to.isEmpty()) {
        return Unexpected(Error::validation(QStringLiteral("to"), QStringLiteral("The recipient has no phone number")));
    }
    QJsonObject body{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                     {QStringLiteral("recipient_type"), QStringLiteral("individual")},
                     {QStringLiteral("to"), to}};

    MessageType type = message.type;
    if (type == MessageType::Text && !message.mediaUrls.isEmpty()) {
        type = mediaTypeFromUrl(QUrl(message.mediaUrls.first()));
    }
    const QString typeName = MessageTypes::toString(type);
    body.insert(QStringLiteral("type"), typeName);

    switch (type) {
    case MessageType::Text: {
        if (message.body.trimmed().isEmpty()) {
            return Unexpected(Error::validation(QStringLiteral("body"), QStringLiteral("A text message needs a body")));
        }
        if (message.body.size() > kMaxTextLength) {
            return Unexpected(
                Error::validation(QStringLiteral("body"), QStringLiteral("Text is longer than 4096 characters")));
        }
        // Meta renders a preview of the first link only when asked to.
        static const QRegularExpression link(QStringLiteral(R"(https?://\S)"),
                                             QRegularExpression::CaseInsensitiveOption);
        body.insert(QStringLiteral("text"),
                    QJsonObject{{QStringLiteral("preview_url"), link.match(message.body).hasMatch()},
                                {QStringLiteral("body"), message.body}});
        break;
    }
    case MessageType::Image:
    case MessageType::Audio:
    case MessageType::Video:
    case MessageType::Document:
    case MessageType::Sticker: {
        if (message.mediaUrls.isEmpty()) {
            return Unexpected(
                Error::validation(QStringLiteral("media_url"), QStringLiteral("A media message needs a URL")));
        }
        const QUrl url(message.mediaUrls.first());
        if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
            return Unexpected(
                Error::validation(QStringLiteral("media_url"), QStringLiteral("The media URL must be http(s)")));
        }
        QJsonObject media{{QStringLiteral("link"), url.toString(QUrl::FullyEncoded)}};
        const bool captioned =
            type == MessageType::Image || type == MessageType::Video || type == MessageType::Document;
        if (captioned && !message.body.isEmpty()) {
            if (message.body.size() > kMaxCaptionLength) {
                return Unexpected(Error::validation(QStringLiteral("body"),
                                                    QStringLiteral("A caption is limited to 1024 characters")));
            }
            media.insert(QStringLiteral("caption"), message.body);
        }
        if (type == MessageType::Document && !url.fileName().isEmpty()) {
            media.insert(QStringLiteral("filename"), url.fileName());
        }
        body.insert(typeName, media);
        break;
    }
    case MessageType::Template: {
        if (message.templateName.isEmpty()) {
            return Unexpected(
                Error::validation(QStringLiteral("template_name"), QStringLiteral("A template message needs a name")));
        }
        if (message.templateLanguage.isEmpty()) {
            return Unexpected(Error::validation(QStringLiteral("language_code"),
                                                QStringLiteral("A template message needs a language")));
        }
        const bool named = !message.templateParameterNames.isEmpty();
        if (named && message.templateParameterNames.size() != message.templateParameters.size()) {
            return Unexpected(
                Error::validation(QStringLiteral("parameters"), QStringLiteral("Every named parameter needs a name")));
        }
        QJsonObject tmpl{{QStringLiteral("name"), message.templateName},
                         {QStringLiteral("language"),
                          QJsonObject{{QStringLiteral("code"), message.templateLanguage},
                                      {QStringLiteral("policy"), QStringLiteral("deterministic")}}}};
        QJsonArray components;
        if (!message.headerMediaUrl.isEmpty()) {
            const QString kind = message.headerMediaType.isEmpty() ? QStringLiteral("image") : message.headerMediaType;
            components.append(QJsonObject{
                {QStringLiteral("type"), QStringLiteral("header")},
                {QStringLiteral("parameters"),
                 QJsonArray{QJsonObject{{QStringLiteral("type"), kind},
                                        {kind, QJsonObject{{QStringLiteral("link"), message.headerMediaUrl}}}}}}});
        }
        if (!message.templateParameters.isEmpty()) {
            QJsonArray parameters;
            for (qsizetype i = 0; i < message.templateParameters.size(); ++i) {
                QJsonObject parameter{{QStringLiteral("type"), QStringLiteral("text")}};
                if (named) {
                    parameter.insert(QStringLiteral("parameter_name"), message.templateParameterNames.at(i));
                }
                parameter.insert(QStringLiteral("text"), message.templateParameters.at(i));
                parameters.append(parameter);
            }
            components.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("body")},
                                          {QStringLiteral("parameters"), parameters}});
        }
        if (!components.isEmpty()) {
            tmpl.insert(QStringLiteral("components"), components);
        }
        body.insert(QStringLiteral("template"), tmpl);
        break;
    }
    case MessageType::Reaction:
        if (message.replyToProviderId.isEmpty()) {
            return Unexpected(Error::validation(QStringLiteral("reply_to"),
                                                QStringLiteral("A reaction needs the message it reacts to")));
        }
        // An empty emoji removes the reaction.
        body.insert(QStringLiteral("reaction"),
                    QJsonObject{{QStringLiteral("message_id"), message.replyToProviderId},
                                {QStringLiteral("emoji"), message.body}});
        break;
    case MessageType::Location:
    case MessageType::Contacts:
    case MessageType::Interactive: {
        // FlowChat has no fields of its own for these; callers pass Meta's object in metadata.
        const QJsonValue payload = message.metadata.value(typeName);
        if (!payload.isObject() && !payload.isArray()) {
            return Unexpected(
                Error::validation(QStringLiteral("metadata"),
                                  QStringLiteral("A %1 message needs metadata.%1 in Meta's form").arg(typeName)));
        }
        body.insert(typeName, payload);
        break;
    }
    case MessageType::Button:
    case MessageType::Unsupported:
        return Unexpected(
            Error::validation(QStringLiteral("type"), QStringLiteral("Meta cannot send a %1 message").arg(typeName)));
    }

    if (!message.replyToProviderId.isEmpty() && type != MessageType::Reaction) {
        body.insert(QStringLiteral("context"), QJsonObject{{QStringLiteral("message_id"), message.replyToProviderId}});
    }
    if (!message.localId.isEmpty()) {
        body.insert(QStringLiteral("biz_opaque_callback_data"), message.localId);
    }
    return body;
}

MessageStatus statusFromMeta(const QString& raw)
{
    const QString status = raw.toLower();
    if (status == QLatin1String("sent")) {
        return MessageStatus::Sent;
    }
    if (status == QLatin1String("delivered")) {
        return MessageStatus::Delivered;
    }
    if (status == QLatin1String("read") || status == QLatin1String("played")) {
        return MessageStatus::Read;
    }
    if (status == QLatin1String("failed")) {
        return MessageStatus::Failed;
    }
    if (status.isEmpty() || status == QLatin1String("accepted")
        || status == QLatin1String("held_for_quality_assessment") || status == QLatin1String("paused")) {
        return MessageStatus::Queued;
    }
    return MessageStatus::Unknown;
}

std::optional<GraphError> parseGraphError(const QByteArray& body)
{
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
    if (error.isEmpty() || !error.contains(QLatin1String("code"))) {
        return std::nullopt;
    }
    GraphError out;
    out.code = static_cast<int>(integer(error.value(QLatin1String("code"))));
    out.subcode = static_cast<int>(integer(error.value(QLatin1String("error_subcode"))));
    out.type = str(error, "type");
    out.message = str(error, "message");
    out.details = str(obj(error, "error_data"), "details");
    out.userTitle = str(error, "error_user_title");
    out.userMessage = str(error, "error_user_msg");
    out.fbtraceId = str(error, "fbtrace_id");
    out.isTransient = error.value(QLatin1String("is_transient")).toBool();
    return out;
}

Error toError(const GraphError& graphError, int httpStatus, std::optional<std::chrono::seconds> retryAfter)
{
    Error error;
    error.code = QString::number(graphError.code);
    error.message = titleWithDetails(
        graphError.message.isEmpty() ? QStringLiteral("Graph error %1").arg(graphError.code) : graphError.message,
        graphError.details);
    error.httpStatus = httpStatus;
    error.retryAfter = retryAfter;
    if (isRecipientCode(graphError.code)) {
        error.field = QStringLiteral("to");
    }
    error = ErrorCatalogue::classify(QStringLiteral("meta"), error);
    if (graphError.isTransient) {
        error.retryable = true;
    }
    return error;
}

Error errorFromResponse(const HttpResponse& response)
{
    if (!response.isTransportFailure()) {
        if (const std::optional<GraphError> graph = parseGraphError(response.body)) {
            // fbtrace_id is what Meta support asks for; the caller reports the error itself.
            qCDebug(lcMeta).nospace() << "graph error " << graph->code << " (subcode " << graph->subcode << ", HTTP "
                                      << response.status << ", fbtrace_id " << graph->fbtraceId << ")";
            return toError(*graph, response.status, response.retryAfter);
        }
    }
    return response.transportError();
}

Result<SendAccepted> parseSendResponse(const HttpResponse& response)
{
    if (response.status < 200 || response.status > 299) {
        return Unexpected(errorFromResponse(response));
    }
    const QJsonObject message = arr(QJsonDocument::fromJson(response.body).object(), "messages").first().toObject();
    SendAccepted accepted;
    accepted.providerMessageId = str(message, "id");
    if (accepted.providerMessageId.isEmpty()) {
        // Accepted, probably, but without an id no status can ever be matched to it.
        Error error;
        error.kind = Error::Kind::ServerError;
        error.code = QStringLiteral("unexpected_response");
        error.message = QStringLiteral("Meta answered HTTP %1 without a message id").arg(response.status);
        error.httpStatus = response.status;
        return Unexpected(error);
    }
    accepted.rawStatus =
        message.contains(QLatin1String("message_status")) ? str(message, "message_status") : QStringLiteral("accepted");
    accepted.status = statusFromMeta(accepted.rawStatus);
    return accepted;
}

QStringList placeholdersOf(const QString& bodyText)
{
    static const QRegularExpression placeholder(QStringLiteral(R"(\{\{\s*([A-Za-z0-9_]+)\s*\}\})"));
    QStringList keys;
    for (auto it = placeholder.globalMatch(bodyText); it.hasNext();) {
        const QString key = it.next().captured(1);
        if (!keys.contains(key)) {
            keys.append(key);
        }
    }
    return keys;
}

Template parseTemplate(const QJsonObject& object)
{
    Template t;
    t.providerId = idString(object.value(QLatin1String("id")));
    t.name = str(object, "name");
    t.language = str(object, "language");
    t.category = str(object, "category");
    t.approvalStatus = str(object, "status").toLower();
    t.components = arr(object, "components");
    for (const QJsonValue& value : std::as_const(t.components)) {
        const QJsonObject component = value.toObject();
        const QString type = str(component, "type").toUpper();
        if (type == QLatin1String("HEADER")) {
            t.headerFormat = str(component, "format").toUpper();
            t.headerText = str(component, "text");
        } else if (type == QLatin1String("BODY")) {
            t.bodyText = str(component, "text");
        } else if (type == QLatin1String("FOOTER")) {
            t.footerText = str(component, "text");
        } else if (type == QLatin1String("BUTTONS")) {
            for (const QJsonValue& button : arr(component, "buttons")) {
                t.buttons.append(str(button.toObject(), "text"));
            }
        }
    }
    t.placeholders = placeholdersOf(t.bodyText);
    t.parameterFormat = str(object, "parameter_format").toUpper();
    if (t.parameterFormat.isEmpty()) {
        const bool allNumeric = std::all_of(t.placeholders.cbegin(), t.placeholders.cend(), [](const QString& key) {
            bool ok = false;
            key.toInt(&ok);
            return ok;
        });
        t.parameterFormat = allNumeric ? QStringLiteral("POSITIONAL") : QStringLiteral("NAMED");
    }
    return t;
}

Result<TemplatePage> parseTemplatePage(const HttpResponse& response)
{
    if (response.status < 200 || response.status > 299) {
        return Unexpected(errorFromResponse(response));
    }
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    if (!doc.isObject() || !doc.object().value(QLatin1String("data")).isArray()) {
        Error error;
        error.kind = Error::Kind::ServerError;
        error.code = QStringLiteral("unexpected_response");
        error.message = QStringLiteral("The template list has no data array");
        error.httpStatus = response.status;
        return Unexpected(error);
    }
    TemplatePage page;
    for (const QJsonValue& item : arr(doc.object(), "data")) {
        page.templates.append(parseTemplate(item.toObject()));
    }
    const QJsonObject paging = obj(doc.object(), "paging");
    // Meta keeps cursors on the last page too; only `next` says there is more.
    page.next = QUrl(str(paging, "next"));
    if (!page.next.isEmpty()) {
        page.after = str(obj(paging, "cursors"), "after");
    }
    return page;
}

Result<MediaInfo> parseMediaInfo(const HttpResponse& response)
{
    if (response.status < 200 || response.status > 299) {
        return Unexpected(errorFromResponse(response));
    }
    const QJsonObject object = QJsonDocument::fromJson(response.body).object();
    MediaInfo info;
    info.id = idString(object.value(QLatin1String("id")));
    info.url = QUrl(str(object, "url"));
    info.mimeType = str(object, "mime_type");
    info.sha256 = str(object, "sha256");
    if (object.contains(QLatin1String("file_size"))) {
        info.fileSize = integer(object.value(QLatin1String("file_size")));
    }
    if (!info.url.isValid() || info.url.isEmpty()) {
        Error error;
        error.kind = Error::Kind::ServerError;
        error.code = QStringLiteral("unexpected_response");
        error.message = QStringLiteral("The media lookup returned no URL");
        error.httpStatus = response.status;
        return Unexpected(error);
    }
    return info;
}

Result<QList<WebhookEvent>> parseWebhook(const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (!doc.isObject()) {
        return Unexpected(
            payloadError(QStringLiteral("The webhook body is not a JSON object: ") + parseError.errorString()));
    }
    const QJsonObject root = doc.object();
    if (str(root, "object") != QLatin1String("whatsapp_business_account")) {
        return Unexpected(payloadError(QStringLiteral("The webhook is not for a WhatsApp Business Account")));
    }
    QList<WebhookEvent> events;
    for (const QJsonValue& entryValue : arr(root, "entry")) {
        for (const QJsonValue& changeValue : arr(entryValue.toObject(), "changes")) {
            const QJsonObject change = changeValue.toObject();
            const QString field = str(change, "field");
            const QJsonObject value = obj(change, "value");
            if (field == QLatin1String("messages")) {
                for (const QJsonValue& message : arr(value, "messages")) {
                    events.append(parseInbound(message.toObject(), value));
                }
                for (const QJsonValue& status : arr(value, "statuses")) {
                    events.append(parseStatus(status.toObject()));
                }
                for (const QJsonValue& error : arr(value, "errors")) {
                    // Errors tied to no message: nothing to store, but the operator should see them.
                    qCWarning(lcMeta) << "webhook error" << idString(error.toObject().value(QLatin1String("code")))
                                      << str(error.toObject(), "title");
                }
            } else if (field == QLatin1String("message_template_status_update")) {
                events.append(parseTemplateStatus(value));
            } else {
                qCDebug(lcMeta) << "ignoring webhook field" << field;
            }
        }
    }
    return events;
}

} // namespace MetaWire
