#pragma once

#include "providers/FormEncoding.h"
#include "providers/HttpResponse.h"
#include "providers/Message.h"
#include "providers/Result.h"
#include "providers/Template.h"
#include "providers/WebhookEvent.h"
#include "providers/twilio/TwilioConfig.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <optional>

// Twilio's wire format as pure functions: request bodies, response and error bodies, Content API
// pages, status callbacks and inbound webhooks (wire reference §1–§6, §12). No I/O here.
namespace TwilioWire
{

// One page of ContentAndApprovals (or Content) and where the next one is.
struct TemplatePage
{
    QList<Template> templates;
    QUrl nextPageUrl; // absolute as Twilio wrote it; empty on the last page
};

// "+14155550100" -> "whatsapp:+14155550100"; an address that already has a channel prefix is kept.
QString whatsappAddress(const QString& number);
// "whatsapp:+14155550100" -> "+14155550100".
QString stripChannel(const QString& address);
// HX + 32 hex digits.
bool isContentSid(const QString& value);
// {"1":"John","2":"A-123"}: compact JSON, keys in numeric order. With one name per parameter
// (templates with named variables) the names are the keys: {"first_name":"John"}.
QString contentVariables(const QStringList& parameters, const QStringList& names = {});

QUrl messagesUrl(const TwilioConfig& config);
QUrl contentAndApprovalsUrl(const TwilioConfig& config);
// Puts an absolute URL's path and query onto `base` (its scheme, host, port and path prefix), so a
// next_page_url never leads away from the configured host.
QUrl rebase(const QUrl& absolute, const QUrl& base);

// The Messages.json form fields, in the order To, From|MessagingServiceSid, Body, MediaUrl...,
// ContentSid, ContentVariables, StatusCallback. With a `contentSid` the message is sent as that
// template and Body/MediaUrl are left out (§5.6).
Form::Fields sendFields(const OutgoingMessage& message, const TwilioConfig& config, const QString& contentSid = {});
QByteArray sendBody(const OutgoingMessage& message, const TwilioConfig& config, const QString& contentSid = {});

// Twilio's status words onto FlowChat's ladder (§12.1); unknown words give Unknown.
MessageStatus mapStatus(const QString& raw);

// A 2xx with a sid is accepted; anything else becomes an Error (see parseError).
Result<SendAccepted> parseSendResponse(const HttpResponse& response);
// Twilio's error body {code, message, more_info, status[, detail]} classified through the
// ErrorCatalogue. `code` may be absent and the body may not be JSON; transport failures and
// timeouts are classified from the reply alone.
Error parseError(const HttpResponse& response);

// One Content or ContentAndApprovals item. The name is approval_requests.name, or friendly_name
// when the template was never submitted; approval_requests may be flat or {"whatsapp": {...}}.
Template parseContent(const QJsonObject& item);
Result<TemplatePage> parseTemplatePage(const HttpResponse& response);
// An approved template by name; the language matches case-insensitively ("en-us" == "en_US"), then
// by its prefix ("en_US" finds "en" and the other way round). An empty language takes the first.
std::optional<Template> findTemplate(const QList<Template>& templates, const QString& name, const QString& language);

// Status callbacks carry MessageStatus/SmsStatus other than "received".
bool isStatusCallback(const Form::Fields& fields);
StatusUpdate parseStatusCallback(const Form::Fields& fields, const QDateTime& receivedAt);
InboundMessage parseInbound(const Form::Fields& fields, const QDateTime& receivedAt);
// A form-encoded webhook body into its one event; a body without a MessageSid is refused.
Result<QList<WebhookEvent>> parseWebhook(const QByteArray& body,
                                         const QDateTime& receivedAt = QDateTime::currentDateTimeUtc());

} // namespace TwilioWire
