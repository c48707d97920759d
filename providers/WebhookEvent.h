#pragma once

#include "providers/Message.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>
#include <variant>

struct InboundMedia
{
    QString id; // Meta media id
    QString url; // Twilio MediaUrl0, or Meta's download URL when given
    QString mimeType;
    QString sha256;
    QString caption;
    QString fileName; // documents
    bool voice = false; // audio recorded as a voice note
    bool animated = false; // stickers
};

struct InboundLocation
{
    double latitude = 0;
    double longitude = 0;
    QString name;
    QString address;
    QString url;
};

struct InboundButton
{
    QString text;
    QString payload;
};

struct InboundInteractive
{
    QString kind; // "button_reply", "list_reply", "nfm_reply"
    QString id;
    QString title;
    QString description;
};

struct InboundReaction
{
    QString targetProviderId; // the message reacted to
    QString emoji; // empty when a reaction was removed
};

// A message a customer sent us.
struct InboundMessage
{
    QString provider; // "twilio" or "meta"
    QString providerMessageId;
    QString from; // E.164 as sent by the provider ("+5511987654321")
    QString to; // our business number, E.164 or phone-number-id
    QString profileName;
    QDateTime timestamp; // UTC; Twilio gives none, then the receive time
    MessageType type = MessageType::Text;
    QString text; // text body, or caption
    std::optional<InboundMedia> media;
    std::optional<InboundLocation> location;
    QJsonArray contacts; // shared contact cards, as the provider sent them
    std::optional<InboundButton> button;
    std::optional<InboundInteractive> interactive;
    std::optional<InboundReaction> reaction;
    QString replyToProviderId; // context.id / OriginalRepliedMessageSid
    QString unsupportedReason; // for Unsupported: the provider's error title
    QJsonObject raw; // the provider's own fields for this message
};

// A delivery status for a message we sent.
struct StatusUpdate
{
    QString provider;
    QString providerMessageId;
    MessageStatus status = MessageStatus::Unknown;
    QString rawStatus; // as the provider said it ("sending", "played", ...)
    QDateTime timestamp; // provider time when given, else the receive time
    QString recipient;
    QString errorCode;
    QString errorMessage;
    QString localId; // biz_opaque_callback_data or our own callback marker, when echoed
};

// Meta's message_template_status_update.
struct TemplateStatusUpdate
{
    QString templateId;
    QString name;
    QString language;
    QString event; // APPROVED, REJECTED, ...
    QString reason;
};

using WebhookEvent = std::variant<InboundMessage, StatusUpdate, TemplateStatusUpdate>;
