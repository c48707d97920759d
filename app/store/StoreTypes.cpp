#include "app/store/StoreTypes.h"

namespace StoreNames
{

QString direction(MessageDirection direction)
{
    return direction == MessageDirection::Inbound ? QStringLiteral("in") : QStringLiteral("out");
}

std::optional<MessageDirection> directionFromString(const QString& name)
{
    if (name == QLatin1String("in")) {
        return MessageDirection::Inbound;
    }
    if (name == QLatin1String("out")) {
        return MessageDirection::Outbound;
    }
    return std::nullopt;
}

QString verdict(WebhookLogEntry::Verdict verdict)
{
    switch (verdict) {
    case WebhookLogEntry::Verdict::Accepted:
        return QStringLiteral("accepted");
    case WebhookLogEntry::Verdict::Refused:
        return QStringLiteral("refused");
    case WebhookLogEntry::Verdict::Invalid:
        return QStringLiteral("invalid");
    }
    return QStringLiteral("invalid");
}

std::optional<WebhookLogEntry::Verdict> verdictFromString(const QString& name)
{
    for (const auto value :
         {WebhookLogEntry::Verdict::Accepted, WebhookLogEntry::Verdict::Refused, WebhookLogEntry::Verdict::Invalid}) {
        if (verdict(value) == name) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace StoreNames

QJsonObject presenceToJson(const AgentPresence& presence)
{
    return {{QStringLiteral("agent"), presence.agent},
            {QStringLiteral("conversation"), presence.conversationId},
            {QStringLiteral("typing"), presence.typing},
            {QStringLiteral("at"), presence.at}};
}

AgentPresence presenceFromJson(const QJsonObject& json)
{
    AgentPresence presence;
    presence.agent = json.value(QStringLiteral("agent")).toString();
    presence.conversationId = json.value(QStringLiteral("conversation")).toInteger();
    presence.typing = json.value(QStringLiteral("typing")).toBool();
    presence.at = json.value(QStringLiteral("at")).toInteger();
    return presence;
}
