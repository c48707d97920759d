#include "ui/thread/ThreadText.h"

#include "providers/ErrorCatalogue.h"

#include <QCoreApplication>
#include <QObject>

// The strings keep ThreadModel's translation context, where they were written first.
namespace ThreadText
{

QString displayText(const StoredMessage& m)
{
    QStringList lines;
    const QString mediaName = m.extra.media ? m.extra.media->fileName : QString();
    switch (m.type) {
    case MessageType::Image:
        lines << QObject::tr("📷 Photo");
        break;
    case MessageType::Audio:
        lines << QObject::tr("🎤 Audio");
        break;
    case MessageType::Video:
        lines << QObject::tr("🎬 Video");
        break;
    case MessageType::Sticker:
        lines << QObject::tr("Sticker");
        break;
    case MessageType::Document:
        lines << (mediaName.isEmpty() ? QObject::tr("📄 Document") : QObject::tr("📄 %1").arg(mediaName));
        break;
    case MessageType::Location: {
        const MessageExtras::Location location = m.extra.location.value_or(MessageExtras::Location{});
        lines << QObject::tr("📍 Location %1, %2").arg(location.latitude, 0, 'f', 5).arg(location.longitude, 0, 'f', 5);
        for (const QString& line : {location.name, location.address}) {
            if (!line.isEmpty()) {
                lines << line;
            }
        }
        break;
    }
    case MessageType::Contacts:
        lines << QObject::tr("👤 Contact card");
        break;
    case MessageType::Reaction:
        lines << QObject::tr("Reacted %1").arg(m.extra.reaction ? m.extra.reaction->emoji : QString());
        break;
    case MessageType::Unsupported:
        lines << QObject::tr("A message FlowChat cannot show");
        break;
    default:
        break;
    }
    if (!m.mediaUrl.isEmpty() && m.direction == MessageDirection::Outbound) {
        lines << m.mediaUrl;
    }
    if (!m.body.isEmpty()) {
        lines << m.body;
    } else if (m.type == MessageType::Template && !m.templateParameters.isEmpty()) {
        lines << m.templateParameters.join(QStringLiteral(" · "));
    }
    return lines.join(QLatin1Char('\n'));
}

QString preview(const StoredMessage& message)
{
    return displayText(message).section(QLatin1Char('\n'), 0, 0);
}

QString author(const StoredMessage& m)
{
    if (m.direction == MessageDirection::Outbound) {
        return QCoreApplication::translate("ThreadModel", "You");
    }
    return m.contactName.isEmpty() ? m.contactE164 : m.contactName;
}

QStringList quote(const StoredMessage& reply)
{
    if (reply.replyTo.isEmpty()) {
        return {};
    }
    if (!reply.quoted) {
        return {QString(), QCoreApplication::translate("ThreadModel", "Original message not available")};
    }
    StoredMessage original;
    original.direction = reply.quoted->direction;
    original.contactE164 = reply.quoted->contactE164;
    original.contactName = reply.quoted->contactName;
    original.type = reply.quoted->type;
    original.body = reply.quoted->body;
    original.mediaUrl = reply.quoted->mediaUrl;
    original.templateParameters = reply.quoted->templateParameters;
    original.extra = reply.quoted->extra;
    return {author(original), preview(original)};
}

QString accessibleText(const StoredMessage& m)
{
    return (m.direction == MessageDirection::Inbound ? QCoreApplication::translate("ThreadModel", "Received: %1")
                                                     : QCoreApplication::translate("ThreadModel", "Sent: %1"))
        .arg(displayText(m));
}

namespace
{

ErrorAdvice describeError(const StoredMessage& m)
{
    const bool failed = m.status == MessageStatus::Failed || m.status == MessageStatus::Undelivered;
    if (!failed && m.status != MessageStatus::Unknown) {
        return {};
    }
    ErrorAdvice out;
    if (m.status == MessageStatus::Unknown) {
        out.title = QCoreApplication::translate("ThreadModel", "Outcome unknown");
        out.advice = QCoreApplication::translate("ThreadModel",
                                                 "The request may have reached WhatsApp. Resend it or dismiss it.");
        return out;
    }
    if (m.errorCode == QLatin1String("dismissed")) {
        // An agent's decision, not the provider's refusal.
        out.title = QCoreApplication::translate("ThreadModel", "Not sent: dismissed");
        out.advice = QCoreApplication::translate("ThreadModel",
                                                 "The provider never confirmed it, and it was marked as not sent. "
                                                 "Retry sends it again.");
        return out;
    }
    Error error;
    error.code = m.errorCode;
    error.message = m.errorMessage;
    return ErrorCatalogue::describe(m.provider, error);
}

} // namespace

QString errorTitle(const StoredMessage& message)
{
    return describeError(message).title;
}

QString errorAdvice(const StoredMessage& message)
{
    return describeError(message).advice;
}

QString reactionTarget(const StoredMessage& m)
{
    return m.extra.reaction ? m.extra.reaction->target : QString();
}

QString reactionEmoji(const StoredMessage& m)
{
    return m.extra.reaction ? m.extra.reaction->emoji : QString();
}

} // namespace ThreadText
