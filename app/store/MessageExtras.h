#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// A message's kind-specific fields, stored as JSON in messages.extra. fromJson/toJson are the only
// code that knows the JSON keys; everything else reads these fields.
struct MessageExtras
{
    struct Media // inbound media details
    {
        QString id;
        QString url;
        QString mimeType;
        QString sha256;
        QString fileName; // documents
        bool voice = false;
        bool animated = false;

        bool operator==(const Media&) const = default;
    };

    struct Location
    {
        double latitude = 0;
        double longitude = 0;
        QString name;
        QString address;
        QString url;

        bool operator==(const Location&) const = default;
    };

    struct Button
    {
        QString text;
        QString payload;

        bool operator==(const Button&) const = default;
    };

    struct Interactive
    {
        QString kind;
        QString id;
        QString title;
        QString description;

        bool operator==(const Interactive&) const = default;
    };

    struct Reaction
    {
        QString target; // provider id of the message reacted to
        QString emoji; // empty when the reaction was taken back

        bool operator==(const Reaction&) const = default;
    };

    struct TemplateHeader // an outgoing template's media header, kept so a retry or resend sends it again
    {
        QString type; // "image", "video" or "document"
        QString url;

        bool operator==(const TemplateHeader&) const = default;
    };

    QString to; // inbound: our business number as the provider gave it
    std::optional<Media> media;
    std::optional<Location> location;
    QJsonArray contacts; // shared contact cards, as the provider sent them
    std::optional<Button> button;
    std::optional<Interactive> interactive;
    std::optional<Reaction> reaction;
    QString unsupportedReason;
    QStringList mediaUrls; // outgoing: every media URL (StoredMessage::mediaUrl is the first)
    std::optional<TemplateHeader> templateHeader;
    QStringList templateParameterNames; // NAMED templates: the key of each parameter
    // Keys this version does not know, at the top level or inside the objects above (same shape as
    // the JSON), so a read-modify-write keeps what a newer version stored.
    QJsonObject unknown;

    // Lenient, like the readers before it: a missing or mistyped field reads as empty.
    static MessageExtras fromJson(const QJsonObject& json);
    // Empty fields are left out; an empty result is stored as NULL.
    QJsonObject toJson() const;

    bool operator==(const MessageExtras&) const = default;
};
