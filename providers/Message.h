#pragma once

#include "providers/MessageStatus.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// Kinds of WhatsApp message, shared by outgoing and inbound messages.
enum class MessageType
{
    Text,
    Image,
    Audio,
    Video,
    Document,
    Sticker,
    Location,
    Contacts,
    Button,
    Interactive,
    Reaction,
    Template,
    Unsupported,
};

namespace MessageTypes
{
QString toString(MessageType type);
std::optional<MessageType> fromString(const QString& name);
} // namespace MessageTypes

// One message FlowChat asks a provider to send. `to` is E.164 ("+15551234567").
struct OutgoingMessage
{
    QString to;
    QString body; // text, or the caption of a media message
    QStringList mediaUrls;
    MessageType type = MessageType::Text;
    QString templateName; // a name, or for Twilio an HX... content sid
    QString templateLanguage; // "en_US"; Twilio compares case-insensitively with prefix fallback
    QStringList templateParameters; // body parameters in order: {{1}}, {{2}}, ...
    QStringList templateParameterNames; // NAMED Meta templates: the key of each parameter above; else empty
    QString headerMediaUrl; // a template's media header (Meta): the file to show
    QString headerMediaType; // "image", "video" or "document", the header's format
    QString replyToProviderId; // the provider id of the message this one answers
    QJsonObject metadata;
    QString localId; // FlowChat's own id, echoed by providers that support it (biz_opaque_callback_data)
};

// The provider accepted the message.
struct SendAccepted
{
    QString providerMessageId;
    MessageStatus status = MessageStatus::Queued;
    QString rawStatus; // the provider's own word ("queued", "accepted", ...)
};

// Where inbound media can be fetched from: a Meta media id, or a Twilio media URL.
struct MediaRef
{
    QString id;
    QString url;
    QString mimeType;
};

struct MediaData
{
    QByteArray bytes;
    QString mimeType;
    QString fileName;
};
