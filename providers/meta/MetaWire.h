#pragma once

#include "providers/HttpResponse.h"
#include "providers/Message.h"
#include "providers/Result.h"
#include "providers/Template.h"
#include "providers/WebhookEvent.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>

// The WhatsApp Cloud API wire format (wire reference §7–§10, §12) as pure functions, so requests
// and parsers are tested without sockets.
namespace MetaWire
{

// The Graph error envelope of §7.6.
struct GraphError
{
    int code = 0;
    int subcode = 0;
    QString type;
    QString message; // usually "(#<code>) <title>"
    QString details; // error_data.details
    QString userTitle;
    QString userMessage;
    QString fbtraceId;
    bool isTransient = false;
};

// One page of GET /{waba}/message_templates.
struct TemplatePage
{
    QList<Template> templates;
    QString after; // cursor of the next page; empty on the last page
    QUrl next; // paging.next as Meta gave it; empty on the last page
};

// What GET /{media-id} answers.
struct MediaInfo
{
    QString id;
    QUrl url; // expires after 5 minutes; download with the same bearer token
    QString mimeType;
    QString sha256;
    qint64 fileSize = -1;
};

// Meta's webhook serialisation (§9.2): every UTF-16 unit above '~' as lowercase \uxxxx (an emoji
// becomes a surrogate pair) and "/" as "\/". Input is UTF-8 JSON; output is ASCII.
QByteArray escapeLikeMeta(const QByteArray& json);

// "+1 (650) 555-1234" or "whatsapp:+16505551234" -> "16505551234".
QString toDigits(const QString& phone);
// Media kind from a URL's extension; anything unrecognised is a document.
MessageType mediaTypeFromUrl(const QUrl& url);
// The JSON body of POST /{phone-number-id}/messages (§7.3, §12.4). Refuses what Meta would refuse
// for sure (no recipient, empty text, media without URL, template without name or language).
Result<QJsonObject> buildSendBody(const OutgoingMessage& message);

// Meta's status words onto FlowChat's ladder (§12.1).
MessageStatus statusFromMeta(const QString& raw);

std::optional<GraphError> parseGraphError(const QByteArray& body);
// A Graph error as a FlowChat Error, classified through the error catalogue.
Error toError(const GraphError& graphError, int httpStatus, std::optional<std::chrono::seconds> retryAfter);
// The error for any failed call: the Graph envelope when there is one, else the transport's.
Error errorFromResponse(const HttpResponse& response);

Result<SendAccepted> parseSendResponse(const HttpResponse& response);
Result<TemplatePage> parseTemplatePage(const HttpResponse& response);
Template parseTemplate(const QJsonObject& object);
// Placeholder keys of a template body in order of first use, without repeats: "1", "2" or "first_name".
QStringList placeholdersOf(const QString& bodyText);
Result<MediaInfo> parseMediaInfo(const HttpResponse& response);

// Every event of a notification (§8.2–§8.6): all entries, changes, messages and statuses. Fields
// FlowChat does not use are skipped. A body that is not a WhatsApp notification is an error.
Result<QList<WebhookEvent>> parseWebhook(const QByteArray& body);

} // namespace MetaWire
