#include "providers/twilio/TwilioWire.h"

#include "providers/ErrorCatalogue.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrlQuery>

#include <algorithm>

namespace
{

const QString kProvider = QStringLiteral("twilio");

QString apiPath(const QUrl& base, const QString& path)
{
    QString prefix = base.path();
    while (prefix.endsWith(QLatin1Char('/'))) {
        prefix.chop(1);
    }
    return prefix + path;
}

// The input a Twilio validation code points at, for Error::field.
QString fieldForCode(const QString& code)
{
    static const QHash<QString, QString> fields{
        {QStringLiteral("21211"), QStringLiteral("to")},
        {QStringLiteral("21614"), QStringLiteral("to")},
        {QStringLiteral("21610"), QStringLiteral("to")},
        {QStringLiteral("21603"), QStringLiteral("from")},
        {QStringLiteral("21606"), QStringLiteral("from")},
        {QStringLiteral("21602"), QStringLiteral("body")},
        {QStringLiteral("21617"), QStringLiteral("body")},
        {QStringLiteral("21619"), QStringLiteral("body")},
        {QStringLiteral("21620"), QStringLiteral("media_url")},
        {QStringLiteral("21655"), QStringLiteral("template_name")},
        {QStringLiteral("21656"), QStringLiteral("template_parameters")},
    };
    return fields.value(code);
}

// "1", "2", "10" in numeric order, named keys after them alphabetically.
bool placeholderLess(const QString& a, const QString& b)
{
    bool aNumeric = false;
    bool bNumeric = false;
    const int aValue = a.toInt(&aNumeric);
    const int bValue = b.toInt(&bNumeric);
    if (aNumeric && bNumeric) {
        return aValue < bValue;
    }
    if (aNumeric != bNumeric) {
        return aNumeric;
    }
    return a < b;
}

QStringList placeholdersIn(const QString& text)
{
    static const QRegularExpression placeholder(QStringLiteral(R"(\{\{\s*([\w.]+)\s*\}\})"));
    QStringList keys;
    for (const QRegularExpressionMatch& match : placeholder.globalMatch(text)) {
        if (!keys.contains(match.captured(1))) {
            keys.append(match.captured(1));
        }
    }
    return keys;
}

// A JSON string literal with Qt's own escaping: encode ["text"] and strip the brackets.
QString jsonQuoted(const QString& text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString normalizedLanguage(const QString& language)
{
    return language.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
}

QString languagePrefix(const QString& normalized)
{
    return normalized.section(QLatin1Char('_'), 0, 0);
}

std::optional<MessageType> mediaTypeFrom(const QString& messageType, const QString& mimeType)
{
    if (messageType == QLatin1String("sticker")) {
        return MessageType::Sticker;
    }
    if (messageType == QLatin1String("image") || messageType == QLatin1String("video")
        || messageType == QLatin1String("audio") || messageType == QLatin1String("document")) {
        return MessageTypes::fromString(messageType);
    }
    if (mimeType.startsWith(QLatin1String("image/"))) {
        return MessageType::Image;
    }
    if (mimeType.startsWith(QLatin1String("video/"))) {
        return MessageType::Video;
    }
    if (mimeType.startsWith(QLatin1String("audio/"))) {
        return MessageType::Audio;
    }
    return MessageType::Document;
}

} // namespace

namespace TwilioWire
{

QString whatsappAddress(const QString& number)
{
    const QString trimmed = number.trimmed();
    if (trimmed.contains(QLatin1Char(':'))) {
        return trimmed;
    }
    return QStringLiteral("whatsapp:") + trimmed;
}

QString stripChannel(const QString& address)
{
    const qsizetype colon = address.indexOf(QLatin1Char(':'));
    return colon < 0 ? address : address.mid(colon + 1);
}

bool isContentSid(const QString& value)
{
    static const QRegularExpression sid(QStringLiteral("^HX[0-9a-fA-F]{32}$"));
    return sid.match(value).hasMatch();
}

QString contentVariables(const QStringList& parameters, const QStringList& names)
{
    const bool named = names.size() == parameters.size();
    // Built by hand: QJsonObject would order the keys "1", "10", "2".
    QString json = QStringLiteral("{");
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        if (i > 0) {
            json += QLatin1Char(',');
        }
        json +=
            jsonQuoted(named ? names.at(i) : QString::number(i + 1)) + QLatin1Char(':') + jsonQuoted(parameters.at(i));
    }
    return json + QLatin1Char('}');
}

QUrl messagesUrl(const TwilioConfig& config)
{
    QUrl url = config.apiBaseUrl;
    url.setPath(
        apiPath(config.apiBaseUrl,
                QStringLiteral("/2010-04-01/Accounts/") + config.accountSid + QStringLiteral("/Messages.json")));
    return url;
}

QUrl contentAndApprovalsUrl(const TwilioConfig& config)
{
    QUrl url = config.contentBaseUrl;
    url.setPath(apiPath(config.contentBaseUrl, QStringLiteral("/v1/ContentAndApprovals")));
    url.setQuery(QStringLiteral("PageSize=") + QString::number(std::clamp(config.templatePageSize, 1, 1000)));
    return url;
}

QUrl rebase(const QUrl& absolute, const QUrl& base)
{
    QUrl out = base;
    QString prefix = base.path();
    while (prefix.endsWith(QLatin1Char('/'))) {
        prefix.chop(1);
    }
    QString path = absolute.path(QUrl::FullyEncoded);
    if (!prefix.isEmpty() && path != prefix && !path.startsWith(prefix + QLatin1Char('/'))) {
        path = prefix + path;
    }
    out.setPath(path, QUrl::TolerantMode);
    out.setQuery(absolute.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    out.setFragment(QString());
    return out;
}

Form::Fields sendFields(const OutgoingMessage& message, const TwilioConfig& config, const QString& contentSid)
{
    Form::Fields fields;
    fields.append({QStringLiteral("To"), whatsappAddress(message.to)});
    if (!config.messagingServiceSid.isEmpty()) {
        fields.append({QStringLiteral("MessagingServiceSid"), config.messagingServiceSid});
    } else if (!config.fromNumber.isEmpty()) {
        fields.append({QStringLiteral("From"), whatsappAddress(config.fromNumber)});
    }
    if (contentSid.isEmpty()) {
        if (!message.body.isEmpty() || message.mediaUrls.isEmpty()) {
            fields.append({QStringLiteral("Body"), message.body});
        }
        for (const QString& url : message.mediaUrls) {
            fields.append({QStringLiteral("MediaUrl"), url});
        }
    } else {
        fields.append({QStringLiteral("ContentSid"), contentSid});
        if (!message.templateParameters.isEmpty()) {
            fields.append({QStringLiteral("ContentVariables"),
                           contentVariables(message.templateParameters, message.templateParameterNames)});
        }
    }
    if (!config.statusCallbackUrl.isEmpty()) {
        fields.append({QStringLiteral("StatusCallback"), config.statusCallbackUrl.toString(QUrl::FullyEncoded)});
    }
    return fields;
}

QByteArray sendBody(const OutgoingMessage& message, const TwilioConfig& config, const QString& contentSid)
{
    return Form::encode(sendFields(message, config, contentSid));
}

MessageStatus mapStatus(const QString& raw)
{
    static const QHash<QString, MessageStatus> statuses{
        {QStringLiteral("accepted"), MessageStatus::Queued},
        {QStringLiteral("scheduled"), MessageStatus::Queued},
        {QStringLiteral("queued"), MessageStatus::Queued},
        // Twilio's "sending" is after its queue; ours means "our request is in flight" (§12.1).
        {QStringLiteral("sending"), MessageStatus::Queued},
        {QStringLiteral("sent"), MessageStatus::Sent},
        {QStringLiteral("delivered"), MessageStatus::Delivered},
        {QStringLiteral("read"), MessageStatus::Read},
        {QStringLiteral("undelivered"), MessageStatus::Undelivered},
        {QStringLiteral("failed"), MessageStatus::Failed},
        {QStringLiteral("canceled"), MessageStatus::Failed},
        {QStringLiteral("receiving"), MessageStatus::Received},
        {QStringLiteral("received"), MessageStatus::Received},
    };
    return statuses.value(raw.trimmed().toLower(), MessageStatus::Unknown);
}

Result<SendAccepted> parseSendResponse(const HttpResponse& response)
{
    if (response.status < 200 || response.status > 299) {
        return Unexpected(parseError(response));
    }
    const QJsonObject object = QJsonDocument::fromJson(response.body).object();
    const QString sid = object.value(QStringLiteral("sid")).toString();
    if (sid.isEmpty()) {
        Error error;
        error.kind = Error::Kind::Permanent;
        error.code = QStringLiteral("response_invalid");
        error.message = QStringLiteral("Twilio accepted the message but its answer has no sid");
        error.httpStatus = response.status;
        return Unexpected(error);
    }
    SendAccepted accepted;
    accepted.providerMessageId = sid;
    accepted.rawStatus = object.value(QStringLiteral("status")).toString();
    accepted.status = mapStatus(accepted.rawStatus);
    if (accepted.status == MessageStatus::Unknown) {
        accepted.status = MessageStatus::Queued;
    }
    return accepted;
}

Error parseError(const HttpResponse& response)
{
    if (response.status == 0) {
        return response.transportError();
    }
    const QJsonObject object = QJsonDocument::fromJson(response.body).object();
    const QJsonValue codeValue = object.value(QStringLiteral("code"));
    QString code;
    if (codeValue.isDouble()) {
        code = QString::number(codeValue.toInteger());
    } else if (codeValue.isString()) {
        code = codeValue.toString();
    }
    QString message = object.value(QStringLiteral("message")).toString();
    const QString detail = object.value(QStringLiteral("detail")).toString();
    if (!detail.isEmpty() && detail != message) {
        message = message.isEmpty() ? detail : message + QStringLiteral(" (") + detail + QLatin1Char(')');
    }

    if (code.isEmpty()) {
        // No Twilio code (a proxy's page, an empty body): judge by the HTTP status alone.
        Error error = response.transportError();
        if (!message.isEmpty()) {
            error.message = message;
        }
        return error;
    }
    Error error;
    error.code = code;
    error.message = message.isEmpty() ? QStringLiteral("Twilio error %1").arg(code) : message;
    error.field = fieldForCode(code);
    error.httpStatus = response.status;
    error.retryAfter = response.retryAfter;
    return ErrorCatalogue::classify(kProvider, error);
}

Template parseContent(const QJsonObject& item)
{
    Template tmpl;
    tmpl.providerId = item.value(QStringLiteral("sid")).toString();
    tmpl.language = item.value(QStringLiteral("language")).toString();

    QJsonObject approval = item.value(QStringLiteral("approval_requests")).toObject();
    if (approval.value(QStringLiteral("whatsapp")).isObject()) {
        approval = approval.value(QStringLiteral("whatsapp")).toObject();
    }
    const QString approvedName = approval.value(QStringLiteral("name")).toString();
    tmpl.name = approvedName.isEmpty() ? item.value(QStringLiteral("friendly_name")).toString() : approvedName;
    tmpl.category = approval.value(QStringLiteral("category")).toString().toUpper();
    const QString status = approval.value(QStringLiteral("status")).toString().toLower();
    tmpl.approvalStatus = status.isEmpty() ? QStringLiteral("unsubmitted") : status;

    const QJsonObject types = item.value(QStringLiteral("types")).toObject();
    // twilio/text first; otherwise the first type that has a body (media, quick-reply, card...).
    QStringList order = types.keys();
    order.removeAll(QStringLiteral("twilio/text"));
    if (types.contains(QStringLiteral("twilio/text"))) {
        order.prepend(QStringLiteral("twilio/text"));
    }
    for (const QString& type : std::as_const(order)) {
        const QJsonObject content = types.value(type).toObject();
        QJsonObject component = content;
        component.insert(QStringLiteral("type"), type);
        tmpl.components.append(component);

        if (tmpl.bodyText.isEmpty()) {
            tmpl.bodyText = content.value(QStringLiteral("body")).toString();
            if (tmpl.bodyText.isEmpty()) {
                tmpl.bodyText = content.value(QStringLiteral("title")).toString();
            }
        }
        if (tmpl.footerText.isEmpty()) {
            tmpl.footerText = content.value(QStringLiteral("footer")).toString();
        }
        if (tmpl.headerText.isEmpty()) {
            tmpl.headerText = content.value(QStringLiteral("header_text")).toString();
        }
        const QJsonArray actions = content.value(QStringLiteral("actions")).toArray();
        for (const QJsonValue& action : actions) {
            const QString title = action.toObject().value(QStringLiteral("title")).toString();
            if (!title.isEmpty() && !tmpl.buttons.contains(title)) {
                tmpl.buttons.append(title);
            }
        }
        const QString listButton = content.value(QStringLiteral("button")).toString();
        if (!listButton.isEmpty() && !tmpl.buttons.contains(listButton)) {
            tmpl.buttons.append(listButton);
        }
    }

    const QJsonObject variables = item.value(QStringLiteral("variables")).toObject();
    if (!variables.isEmpty()) {
        tmpl.placeholders = variables.keys();
        std::sort(tmpl.placeholders.begin(), tmpl.placeholders.end(), placeholderLess);
    } else {
        tmpl.placeholders = placeholdersIn(tmpl.bodyText);
    }
    return tmpl;
}

Result<TemplatePage> parseTemplatePage(const HttpResponse& response)
{
    if (response.status != 200) {
        return Unexpected(parseError(response));
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (!document.isObject()) {
        Error error;
        error.kind = Error::Kind::Permanent;
        error.code = QStringLiteral("response_invalid");
        error.message = QStringLiteral("Twilio's template list is not a JSON object: ") + parseError.errorString();
        error.httpStatus = response.status;
        return Unexpected(error);
    }
    const QJsonObject object = document.object();
    const QJsonObject meta = object.value(QStringLiteral("meta")).toObject();
    const QString key = meta.value(QStringLiteral("key")).toString(QStringLiteral("contents"));

    TemplatePage page;
    const QJsonArray items = object.value(key).toArray();
    for (const QJsonValue& item : items) {
        page.templates.append(parseContent(item.toObject()));
    }
    const QString next = meta.value(QStringLiteral("next_page_url")).toString();
    if (!next.isEmpty()) {
        page.nextPageUrl = QUrl(next);
    }
    return page;
}

std::optional<Template> findTemplate(const QList<Template>& templates, const QString& name, const QString& language)
{
    QList<Template> candidates;
    for (const Template& tmpl : templates) {
        if (tmpl.name == name && tmpl.approvalStatus == QLatin1String("approved")) {
            candidates.append(tmpl);
        }
    }
    if (candidates.isEmpty()) {
        return std::nullopt;
    }
    const QString wanted = normalizedLanguage(language);
    if (wanted.isEmpty()) {
        return candidates.first();
    }
    for (const Template& tmpl : std::as_const(candidates)) {
        if (normalizedLanguage(tmpl.language) == wanted) {
            return tmpl;
        }
    }
    // "en_US" asked, "en" listed: prefer the bare language, then any of its regional forms.
    const QString prefix = languagePrefix(wanted);
    for (const Template& tmpl : std::as_const(candidates)) {
        if (normalizedLanguage(tmpl.language) == prefix) {
            return tmpl;
        }
    }
    for (const Template& tmpl : std::as_const(candidates)) {
        if (languagePrefix(normalizedLanguage(tmpl.language)) == prefix) {
            return tmpl;
        }
    }
    return std::nullopt;
}

bool isStatusCallback(const Form::Fields& fields)
{
    QString status = Form::value(fields, QStringLiteral("MessageStatus"));
    if (status.isEmpty()) {
        status = Form::value(fields, QStringLiteral("SmsStatus"));
    }
    return !status.isEmpty() && status != QLatin1String("received") && status != QLatin1String("receiving");
}

StatusUpdate parseStatusCallback(const Form::Fields& fields, const QDateTime& receivedAt)
{
    StatusUpdate update;
    update.provider = kProvider;
    update.providerMessageId = Form::value(fields, QStringLiteral("MessageSid"));
    if (update.providerMessageId.isEmpty()) {
        update.providerMessageId = Form::value(fields, QStringLiteral("SmsSid"));
    }
    update.rawStatus = Form::value(fields, QStringLiteral("MessageStatus"));
    if (update.rawStatus.isEmpty()) {
        update.rawStatus = Form::value(fields, QStringLiteral("SmsStatus"));
    }
    update.status = mapStatus(update.rawStatus);
    // WhatsApp callbacks carry no time of their own (§2.2).
    update.timestamp = receivedAt;
    update.recipient = Form::value(fields, QStringLiteral("ChannelToAddress"));
    if (update.recipient.isEmpty()) {
        update.recipient = stripChannel(Form::value(fields, QStringLiteral("To")));
    }
    update.errorCode = Form::value(fields, QStringLiteral("ErrorCode"));
    update.errorMessage = Form::value(fields, QStringLiteral("ErrorMessage"));
    if (update.errorMessage.isEmpty()) {
        update.errorMessage = Form::value(fields, QStringLiteral("ChannelStatusMessage"));
    }
    return update;
}

InboundMessage parseInbound(const Form::Fields& fields, const QDateTime& receivedAt)
{
    const auto field = [&fields](const char* name) {
        return Form::value(fields, QString::fromLatin1(name));
    };

    InboundMessage message;
    message.provider = kProvider;
    message.providerMessageId = field("MessageSid");
    if (message.providerMessageId.isEmpty()) {
        message.providerMessageId = field("SmsMessageSid");
    }
    if (message.providerMessageId.isEmpty()) {
        message.providerMessageId = field("SmsSid");
    }
    message.from = stripChannel(field("From"));
    if (message.from.isEmpty() && !field("WaId").isEmpty()) {
        message.from = QLatin1Char('+') + field("WaId");
    }
    message.to = stripChannel(field("To"));
    message.profileName = field("ProfileName");
    message.timestamp = receivedAt; // Twilio sends no time of its own
    message.text = field("Body");
    message.replyToProviderId = field("OriginalRepliedMessageSid");
    for (const auto& [key, value] : fields) {
        message.raw.insert(key, value);
    }

    const QString messageType = field("MessageType").toLower();
    const QString mediaUrl = field("MediaUrl0");
    const bool hasMedia = field("NumMedia").toInt() > 0 || !mediaUrl.isEmpty();
    const bool hasLocation = !field("Latitude").isEmpty() && !field("Longitude").isEmpty();
    const bool hasButton = !field("ButtonText").isEmpty() || !field("ButtonPayload").isEmpty();
    // List replies: field names are unconfirmed (Twilio documents ButtonText/ButtonPayload only).
    const bool hasListReply = !field("ListId").isEmpty();

    if (hasMedia) {
        InboundMedia media;
        media.url = mediaUrl;
        media.id = QUrl(mediaUrl).path().section(QLatin1Char('/'), -1);
        media.mimeType = field("MediaContentType0");
        media.caption = message.text;
        message.type = *mediaTypeFrom(messageType, media.mimeType);
        message.media = media;
    } else if (hasLocation) {
        InboundLocation location;
        location.latitude = field("Latitude").toDouble();
        location.longitude = field("Longitude").toDouble();
        location.name = field("Label");
        location.address = field("Address");
        message.type = MessageType::Location;
        message.location = location;
    } else if (hasListReply) {
        message.type = MessageType::Interactive;
        message.interactive = InboundInteractive{
            QStringLiteral("list_reply"), field("ListId"), field("ListTitle"), field("ListDescription")};
    } else if (hasButton) {
        message.button = InboundButton{field("ButtonText"), field("ButtonPayload")};
        if (messageType == QLatin1String("interactive")) {
            message.type = MessageType::Interactive;
            message.interactive = InboundInteractive{
                QStringLiteral("button_reply"), field("ButtonPayload"), field("ButtonText"), QString()};
        } else {
            message.type = MessageType::Button;
        }
    } else if (!message.text.isEmpty()) {
        message.type = MessageType::Text;
    } else {
        message.type = MessageType::Unsupported;
        message.unsupportedReason = QStringLiteral("The message has no text, media, location or button");
    }

    static const QSet<QString> known{
        QStringLiteral("text"),
        QStringLiteral("image"),
        QStringLiteral("video"),
        QStringLiteral("audio"),
        QStringLiteral("document"),
        QStringLiteral("sticker"),
        QStringLiteral("location"),
        QStringLiteral("button"),
        QStringLiteral("interactive"),
    };
    if (!messageType.isEmpty() && !known.contains(messageType)) {
        message.type = MessageType::Unsupported;
        message.unsupportedReason = QStringLiteral("Twilio MessageType '%1' is not supported").arg(messageType);
    }
    return message;
}

Result<QList<WebhookEvent>> parseWebhook(const QByteArray& body, const QDateTime& receivedAt)
{
    const Form::Fields fields = Form::decode(body);
    if (Form::value(fields, QStringLiteral("MessageSid")).isEmpty()
        && Form::value(fields, QStringLiteral("SmsSid")).isEmpty()
        && Form::value(fields, QStringLiteral("SmsMessageSid")).isEmpty()) {
        Error error = Error::validation(QStringLiteral("body"), QStringLiteral("The Twilio webhook has no MessageSid"));
        error.code = QStringLiteral("webhook_invalid");
        return Unexpected(error);
    }
    QList<WebhookEvent> events;
    if (isStatusCallback(fields)) {
        events.append(parseStatusCallback(fields, receivedAt));
    } else {
        events.append(parseInbound(fields, receivedAt));
    }
    return events;
}

} // namespace TwilioWire
