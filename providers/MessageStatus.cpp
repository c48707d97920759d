#include "providers/MessageStatus.h"

#include <array>
#include <utility>

namespace
{

constexpr std::array<std::pair<MessageStatus, const char*>, 10> kNames{{
    {MessageStatus::Pending, "pending"},
    {MessageStatus::Sending, "sending"},
    {MessageStatus::Queued, "queued"},
    {MessageStatus::Sent, "sent"},
    {MessageStatus::Delivered, "delivered"},
    {MessageStatus::Read, "read"},
    {MessageStatus::Failed, "failed"},
    {MessageStatus::Undelivered, "undelivered"},
    {MessageStatus::Unknown, "unknown"},
    {MessageStatus::Received, "received"},
}};

} // namespace

namespace Status
{

int rank(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Pending:
        return 0;
    case MessageStatus::Sending:
        return 1;
    case MessageStatus::Queued:
        return 2;
    case MessageStatus::Sent:
        return 3;
    case MessageStatus::Delivered:
        return 4;
    case MessageStatus::Read:
        return 5;
    default:
        return -1;
    }
}

bool isTerminal(MessageStatus status)
{
    return status == MessageStatus::Failed || status == MessageStatus::Undelivered;
}

QString toString(MessageStatus status)
{
    for (const auto& [value, name] : kNames) {
        if (value == status) {
            return QString::fromLatin1(name);
        }
    }
    return QStringLiteral("unknown");
}

std::optional<MessageStatus> fromString(const QString& name)
{
    for (const auto& [value, text] : kNames) {
        if (name == QLatin1String(text)) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace Status
