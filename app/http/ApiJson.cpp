#include "app/http/ApiJson.h"

#include "providers/ErrorCatalogue.h"

#include <QDateTime>
#include <QJsonArray>

namespace
{

Result<QString> optionalString(const QJsonObject& body, const QString& key)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull()) {
        return QString();
    }
    if (!value.isString()) {
        return Unexpected(Error::validation(key, QStringLiteral("'%1' must be a string").arg(key)));
    }
    return value.toString();
}

Result<QString> requiredString(const QJsonObject& body, const QString& key)
{
    Result<QString> value = optionalString(body, key);
    if (value && value->trimmed().isEmpty()) {
        return Unexpected(Error::validation(key, QStringLiteral("'%1' is required").arg(key)));
    }
    return value;
}

Result<QJsonObject> optionalObject(const QJsonObject& body, const QString& key)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull()) {
        return QJsonObject();
    }
    if (!value.isObject()) {
        return Unexpected(Error::validation(key, QStringLiteral("'%1' must be a JSON object").arg(key)));
    }
    return value.toObject();
}

// A template parameter may be sent as a string or a number; anything else is refused.
std::optional<QString> scalarText(const QJsonValue& value)
{
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble()) {
        return QString::number(value.toDouble(), 'g', 15);
    }
    return std::nullopt;
}

QString catalogueProvider(const QString& provider)
{
    // The sandbox speaks Meta's API, so Meta's codes apply.
    return provider == QLatin1String("sandbox") || provider == QLatin1String("direct") ? QStringLiteral("meta")
                                                                                       : provider;
}

QJsonValue textOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

namespace ApiJson
{

QJsonValue isoTime(qint64 epochMs)
{
    if (epochMs <= 0) {
        return QJsonValue();
    }
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

Result<SendRequest> parseSend(const QJsonObject& body)
{
    SendRequest request;
    const Result<QString> to = requiredString(body, QStringLiteral("to"));
    if (!to) {
        return Unexpected(to.error());
    }
    request.to = *to;
    const Result<QString> text = optionalString(body, QStringLiteral("body"));
    if (!text) {
        return Unexpected(text.error());
    }
    request.body = *text;

    const QJsonValue media = body.value(QStringLiteral("media_url"));
    if (media.isString()) {
        request.mediaUrls.append(media.toString());
    } else if (media.isArray()) {
        for (const QJsonValue& item : media.toArray()) {
            if (!item.isString()) {
                return Unexpected(Error::validation(QStringLiteral("media_url"),
                                                    QStringLiteral("'media_url' must be a URL or a list of URLs")));
            }
            request.mediaUrls.append(item.toString());
        }
    } else if (!media.isUndefined() && !media.isNull()) {
        return Unexpected(Error::validation(QStringLiteral("media_url"),
                                            QStringLiteral("'media_url' must be a URL or a list of URLs")));
    }

    const Result<QString> type = optionalString(body, QStringLiteral("type"));
    if (!type) {
        return Unexpected(type.error());
    }
    if (!type->isEmpty()) {
        request.type = *type;
    } else if (!request.mediaUrls.isEmpty()) {
        request.type = QStringLiteral("image");
    }
    const Result<QJsonObject> metadata = optionalObject(body, QStringLiteral("metadata"));
    if (!metadata) {
        return Unexpected(metadata.error());
    }
    request.metadata = *metadata;

    const QJsonValue replyTo = body.value(QStringLiteral("reply_to"));
    if (replyTo.isDouble() && replyTo.toDouble() > 0) {
        request.replyToId = static_cast<qint64>(replyTo.toDouble());
    } else if (!replyTo.isUndefined() && !replyTo.isNull()) {
        return Unexpected(Error::validation(QStringLiteral("reply_to"),
                                            QStringLiteral("'reply_to' must be the id of a stored message")));
    }
    if (request.body.isEmpty() && request.mediaUrls.isEmpty()) {
        return Unexpected(
            Error::validation(QStringLiteral("body"), QStringLiteral("Give 'body', 'media_url' or both")));
    }
    return request;
}

Result<TemplateSendRequest> parseSendTemplate(const QJsonObject& body)
{
    TemplateSendRequest request;
    const Result<QString> to = requiredString(body, QStringLiteral("to"));
    if (!to) {
        return Unexpected(to.error());
    }
    request.to = *to;
    const Result<QString> name = requiredString(body, QStringLiteral("template_name"));
    if (!name) {
        return Unexpected(name.error());
    }
    request.templateName = *name;
    const Result<QString> language = optionalString(body, QStringLiteral("language_code"));
    if (!language) {
        return Unexpected(language.error());
    }
    request.languageCode = *language;
    const Result<QString> headerMedia = optionalString(body, QStringLiteral("header_media_url"));
    if (!headerMedia) {
        return Unexpected(headerMedia.error());
    }
    request.headerMediaUrl = *headerMedia;

    const QJsonValue parameters = body.value(QStringLiteral("parameters"));
    const Error parameterError = Error::validation(
        QStringLiteral("parameters"),
        QStringLiteral("'parameters' must be an object such as {\"1\": \"Ana\"} (or a list), with text values"));
    if (parameters.isObject()) {
        const QJsonObject object = parameters.toObject();
        QStringList keys = object.keys();
        // Positional keys in numeric order ("10" after "9"); named keys keep their sorted order.
        std::stable_sort(keys.begin(), keys.end(), [](const QString& a, const QString& b) {
            bool aNumber = false;
            bool bNumber = false;
            const int x = a.toInt(&aNumber);
            const int y = b.toInt(&bNumber);
            if (aNumber && bNumber) {
                return x < y;
            }
            return aNumber && !bNumber;
        });
        for (const QString& key : keys) {
            const std::optional<QString> text = scalarText(object.value(key));
            if (!text) {
                return Unexpected(parameterError);
            }
            request.parameters.append({key, *text});
        }
    } else if (parameters.isArray()) {
        int position = 1;
        for (const QJsonValue& item : parameters.toArray()) {
            const std::optional<QString> text = scalarText(item);
            if (!text) {
                return Unexpected(parameterError);
            }
            request.parameters.append({QString::number(position++), *text});
        }
    } else if (!parameters.isUndefined() && !parameters.isNull()) {
        return Unexpected(parameterError);
    }

    const Result<QJsonObject> metadata = optionalObject(body, QStringLiteral("metadata"));
    if (!metadata) {
        return Unexpected(metadata.error());
    }
    request.metadata = *metadata;
    return request;
}

QJsonObject message(const StoredMessage& message, const QString& businessNumber, bool withHistory)
{
    const bool inbound = message.direction == MessageDirection::Inbound;
    QJsonObject json{
        {QStringLiteral("id"), message.id},
        {QStringLiteral("direction"), inbound ? QStringLiteral("inbound") : QStringLiteral("outbound")},
        {QStringLiteral("to"), textOrNull(inbound ? businessNumber : message.contactE164)},
        {QStringLiteral("from"), textOrNull(inbound ? message.contactE164 : businessNumber)},
        {QStringLiteral("contact"), message.contactE164},
        {QStringLiteral("contact_name"), textOrNull(message.contactName)},
        {QStringLiteral("conversation_id"), message.conversationId},
        {QStringLiteral("body"), message.body},
        {QStringLiteral("type"), MessageTypes::toString(message.type)},
        {QStringLiteral("status"), Status::toString(message.status)},
        {QStringLiteral("provider"), textOrNull(message.provider)},
        {QStringLiteral("provider_message_id"), textOrNull(message.providerMessageId)},
        {QStringLiteral("template_name"), textOrNull(message.templateName)},
        {QStringLiteral("language_code"), textOrNull(message.templateLanguage)},
        {QStringLiteral("media_url"), textOrNull(message.mediaUrl)},
        {QStringLiteral("reply_to"), textOrNull(message.replyTo)},
        {QStringLiteral("metadata"), message.metadata},
        {QStringLiteral("created_at"), isoTime(message.createdAt)},
        {QStringLiteral("updated_at"), isoTime(message.updatedAt)},
    };

    if (message.errorCode.isEmpty() && message.errorMessage.isEmpty()) {
        json.insert(QStringLiteral("error"), QJsonValue());
    } else {
        Error error;
        error.code = message.errorCode;
        error.message = message.errorMessage;
        const ErrorAdvice advice = ErrorCatalogue::describe(catalogueProvider(message.provider), error);
        json.insert(QStringLiteral("error"),
                    QJsonObject{{QStringLiteral("code"), message.errorCode},
                                {QStringLiteral("message"), message.errorMessage},
                                {QStringLiteral("title"), advice.title},
                                {QStringLiteral("advice"), advice.advice}});
    }

    if (message.templateName.isEmpty()) {
        json.insert(QStringLiteral("parameters"), QJsonValue());
    } else {
        QJsonObject parameters;
        for (qsizetype i = 0; i < message.templateParameters.size(); ++i) {
            parameters.insert(QString::number(i + 1), message.templateParameters.at(i));
        }
        json.insert(QStringLiteral("parameters"), parameters);
    }
    if (!message.extra.mediaUrls.isEmpty()) {
        json.insert(QStringLiteral("media_urls"), QJsonArray::fromStringList(message.extra.mediaUrls));
    }

    if (withHistory) {
        QJsonArray history;
        for (const StatusEvent& event : message.history) {
            QJsonObject item{
                {QStringLiteral("status"), Status::toString(event.status)},
                {QStringLiteral("at"), isoTime(event.providerTime > 0 ? event.providerTime : event.receivedAt)},
                {QStringLiteral("received_at"), isoTime(event.receivedAt)},
                {QStringLiteral("raw"), textOrNull(event.rawStatus)}};
            if (!event.errorCode.isEmpty()) {
                item.insert(QStringLiteral("error_code"), event.errorCode);
                item.insert(QStringLiteral("error_message"), event.errorMessage);
            }
            history.append(item);
        }
        json.insert(QStringLiteral("status_history"), history);
    }
    return json;
}

QJsonObject storedTemplate(const StoredTemplate& stored)
{
    const Template& t = stored.value;
    return QJsonObject{
        {QStringLiteral("provider"), stored.provider},
        {QStringLiteral("id"), t.providerId},
        {QStringLiteral("name"), t.name},
        {QStringLiteral("language"), t.language},
        {QStringLiteral("category"), textOrNull(t.category)},
        {QStringLiteral("status"), t.approvalStatus},
        {QStringLiteral("body"), t.bodyText},
        {QStringLiteral("placeholders"), QJsonArray::fromStringList(t.placeholders)},
        {QStringLiteral("parameter_format"), textOrNull(t.parameterFormat)},
        // IMAGE, VIDEO or DOCUMENT: a send needs header_media_url (Meta).
        {QStringLiteral("header_format"), textOrNull(t.headerFormat)},
        {QStringLiteral("components"), t.components},
        {QStringLiteral("synced_at"), isoTime(stored.syncedAt)},
    };
}

QJsonObject webhookLogEntry(const WebhookLogEntry& entry)
{
    return QJsonObject{
        {QStringLiteral("id"), entry.id},
        {QStringLiteral("received_at"), isoTime(entry.receivedAt)},
        {QStringLiteral("provider"), textOrNull(entry.provider)},
        {QStringLiteral("verdict"), StoreNames::verdict(entry.verdict)},
        {QStringLiteral("reason"), textOrNull(entry.reason)},
        {QStringLiteral("url"), textOrNull(entry.url)},
    };
}

} // namespace ApiJson
