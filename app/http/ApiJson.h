#pragma once

#include "app/service/WhatsAppService.h"
#include "app/store/StoreTypes.h"
#include "providers/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// The HTTP API's JSON shapes (architecture §7, issue 4 §3), as pure functions: requests in,
// stored rows out. Times are ISO-8601 UTC with milliseconds ("2026-11-24T10:23:27.123Z").
namespace ApiJson
{

QJsonValue isoTime(qint64 epochMs); // null for 0

// `POST /api/whatsapp/send`: {to, body, media_url (string or array), type, metadata, reply_to}.
// Type errors are Error::validation on the offending field; content checks belong to the service.
Result<SendRequest> parseSend(const QJsonObject& body);
// `POST /api/whatsapp/send-template`: {to, template_name, parameters ({"1": ..} or [..]), language_code}.
Result<TemplateSendRequest> parseSendTemplate(const QJsonObject& body);

// One message: id, direction, to, from, body, type, status, provider, provider_message_id,
// error {code, message, title, advice} or null, template_name, parameters, media_url,
// created_at, updated_at and, when `withHistory`, status_history [{status, at, raw}].
QJsonObject message(const StoredMessage& message, const QString& businessNumber, bool withHistory);
QJsonObject storedTemplate(const StoredTemplate& stored);
// {id, received_at, provider, verdict, reason, url}
QJsonObject webhookLogEntry(const WebhookLogEntry& entry);

} // namespace ApiJson
