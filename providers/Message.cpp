#include "providers/Message.h"

#include <array>
#include <utility>

namespace
{

constexpr std::array<std::pair<MessageType, const char*>, 13> kTypeNames{{
    {MessageType::Text, "text"},
    {MessageType::Image, "image"},
    {MessageType::Audio, "audio"},
    {MessageType::Video, "video"},
    {MessageType::Document, "document"},
    {MessageType::Sticker, "sticker"},
    {MessageType::Location, "location"},
    {MessageType::Contacts, "contacts"},
    {MessageType::Button, "button"},
    {MessageType::Interactive, "interactive"},
    {MessageType::Reaction, "reaction"},
    {MessageType::Template, "template"},
    {MessageType::Unsupported, "unsupported"},
}};

} // namespace

namespace MessageTypes
{

QString toString(MessageType type)
{
    for (const auto& [value, name] : kTypeNames) {
        if (value == type) {
            return QString::fromLatin1(name);
        }
    }
    return QStringLiteral("unsupported");
}

std::optional<MessageType> fromString(const QString& name)
{
    for (const auto& [value, text] : kTypeNames) {
        if (name == QLatin1String(text)) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace MessageTypes
